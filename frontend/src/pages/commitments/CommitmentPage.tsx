import { Alert, Anchor, Badge, Group, Paper, Skeleton, Stack, Text, Title, useDirection } from '@mantine/core';
import { IconAlertTriangle, IconArrowBack, IconEye, IconLock } from '@tabler/icons-react';
import type { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { canCreate } from '../../auth/permissions';
import { DetailList } from '../../components/DetailList';
import { HistoryPanel } from '../../components/history/HistoryPanel';
import { PageLoader } from '../../components/PageLoader';
import { prefetchNames } from '../../components/prefetch/prefetchNames';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../components/useFormat';
import { useOfficeName, useUserName } from '../../components/useNames';
import { useMe } from '../../hooks/auth';
import { commitmentQuery, prefetchCounterpartNames, promisedAtQuery, useCommitment, useCounterpartNames, usePromisedAt, type Commitment } from '../../hooks/commitments';
import { projectQuery, useProject } from '../../hooks/projects';
import { useVisit, visitQuery } from '../../hooks/visits';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { CloseDialog, StatusSelect, WHOLE_BADGE } from '../review/CommitmentStatus';
import { CommitmentEditDialog } from './CommitmentEditDialog';
import { EditCommitmentButton } from './CommitmentParts';

/**
 * What a commitment's page draws first, started with the commitment
 * (src/pageData.ts): the names of its owner and office, then, once the
 * commitment says which, its counterpart's, the meeting it was promised at,
 * its visit and its project. Its history waits until it is near the screen.
 */
export async function prefetchCommitmentPage(queryClient: QueryClient, id: number) {
  const names = prefetchNames(queryClient);
  const c = await queryClient.fetchQuery(commitmentQuery(id));
  await Promise.all([
    names,
    prefetchCounterpartNames(queryClient, [c]),
    c.interaction_id && queryClient.prefetchQuery(promisedAtQuery(c.interaction_id)),
    c.visit_id && queryClient.prefetchQuery(visitQuery(c.visit_id)),
    c.project_id && queryClient.prefetchQuery(projectQuery(c.project_id)),
  ]);
}

/**
 * One commitment: what was promised, by whom and to whom, where it was
 * promised, its status (with the closure note) and its history; Edit and
 * the status for those who may change them.
 */
export function CommitmentPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const commitmentId = Number(id);
  const valid = Number.isInteger(commitmentId) && commitmentId > 0;
  const commitment = useCommitment(valid ? commitmentId : null);
  const { dir } = useDirection();
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);
  if (!valid) return <NotFoundPage />;
  if (commitment.isPending) return <PageLoader />;
  if (commitment.isError) return <QueryError title={t('commitmentPage.loadError')} error={commitment.error} onRetry={() => void commitment.refetch()} />;
  const c = commitment.data;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/commitments" size="sm">
        <Group gap={4} wrap="nowrap">
          <IconArrowBack size={16} aria-hidden="true" style={dir === 'rtl' ? { transform: 'scaleX(-1)' } : undefined} />
          {t('commitmentPage.back')}
        </Group>
      </Anchor>
      <Header commitment={c} onEdit={() => setEditing(true)} onDone={() => setClosing(true)} />
      <Facts commitment={c} />
      <HistoryPanel entity="commitment" id={c.id} />
      <CommitmentEditDialog commitment={editing ? c : null} onClose={() => setEditing(false)} />
      <CloseDialog commitment={closing ? c : null} onClose={() => setClosing(false)} />
    </Stack>
  );
}

function Header({ commitment: c, onEdit, onDone }: { commitment: Commitment; onEdit: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const format = useFormat();
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={6} style={{ minWidth: 0, flex: '1 1 20rem' }}>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            <bdi>{c.title}</bdi>
          </Title>
          <Group gap="xs">
            <Text c="dimmed" size="sm">
              {t(`commitment.directions.${c.direction}`)}
              {c.due_date && ` · ${t('commitment.due', { date: format.date(c.due_date) })}`}
            </Text>
            {c.overdue && (
              <Badge size="sm" color="red" variant="light" tt="none" styles={WHOLE_BADGE} leftSection={<IconAlertTriangle size={12} aria-hidden="true" />}>
                {t('commitment.overdue')}
              </Badge>
            )}
            {c.restricted && (
              <Badge size="sm" color="gray" variant="outline" tt="none" styles={WHOLE_BADGE} leftSection={<IconLock size={12} aria-hidden="true" />}>
                {t('commitmentPage.restricted')}
              </Badge>
            )}
          </Group>
        </Stack>
        <Group gap="sm" align="flex-end">
          <Stack gap={2}>
            <Text size="xs" fw={600} c="dimmed">
              {t('commitmentPage.status')}
            </Text>
            <StatusSelect commitment={c} onDone={onDone} />
          </Stack>
          <EditCommitmentButton commitment={c} onEdit={onEdit} size="sm" />
        </Group>
      </Group>
      {me && !canCreate(me) && (
        <Alert variant="light" color="gray" icon={<IconEye aria-hidden="true" />} py="xs">
          <Text size="sm">{t('permissions.reason.viewer')}</Text>
        </Alert>
      )}
    </Stack>
  );
}

function Facts({ commitment: c }: { commitment: Commitment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const userName = useUserName();
  const officeName = useOfficeName();
  const names = useCounterpartNames([c]);
  const interaction = usePromisedAt(c.interaction_id);
  const visit = useVisit(c.visit_id ?? null);
  const project = useProject(c.project_id);
  const org = names.organization(c.counterpart_organization_id);
  const person = names.contact(c.counterpart_contact_id);
  const promised = interaction.data ? (
    <span>
      <Anchor component={Link} to={`/interactions/${interaction.data.id}`} size="sm">
        <bdi>{interaction.data.subject}</bdi>
      </Anchor>
      {' · '}
      {t(`interaction.kinds.${interaction.data.kind}`)}
      {' · '}
      {format.date(interaction.data.starts_at)}
    </span>
  ) : interaction.isLoading ? (
    <Skeleton height={14} width={160} />
  ) : c.interaction_id ? (
    t('commitmentPage.hidden')
  ) : (
    t('commitmentPage.nowhere')
  );
  return (
    <>
      <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="facts-title">
        <Title order={2} size="h4" mb="md" id="facts-title">
          {t('commitmentPage.facts')}
        </Title>
        <DetailList
          items={[
            {
              label: t('commitmentPage.counterpartOrganization'),
              value: org ? (
                <Anchor component={Link} to={`/organizations/${c.counterpart_organization_id}`} size="sm">
                  <bdi>{org}</bdi>
                </Anchor>
              ) : (
                t('commitmentPage.nobody')
              ),
            },
            {
              label: t('commitmentPage.counterpartContact'),
              value: person ? (
                <Anchor component={Link} to={`/contacts/${c.counterpart_contact_id}`} size="sm">
                  <bdi>{person}</bdi>
                </Anchor>
              ) : (
                t('commitmentPage.nobody')
              ),
            },
            { label: t('commitments.owner'), value: userName(c.owner_id) },
            { label: t('commitmentList.office'), value: officeName(c.office_id) },
            { label: t('commitments.dueDate'), value: c.due_date ? format.date(c.due_date) : '' },
            { label: t('commitmentEdit.priority'), value: t(`commitmentEdit.priorities.${c.priority}`) },
            { label: t('commitmentPage.interaction'), value: promised },
            {
              label: t('commitmentPage.visit'),
              value: c.visit_id ? (
                <Anchor component={Link} to={`/visits/${c.visit_id}`} size="sm">
                  <bdi>{visit.data?.title ?? `#${c.visit_id}`}</bdi>
                </Anchor>
              ) : (
                t('commitmentPage.nowhere')
              ),
            },
            { label: t('commitmentFilters.project'), value: project.data ? `${project.data.code} — ${project.data.name}` : '' },
            {
              label: t('commitmentPage.closure'),
              value:
                c.status === 'done' || c.closure_note ? (
                  <Stack gap={2}>
                    {c.completed_at && (
                      <Text size="xs" c="dimmed">
                        {t('commitmentPage.completedAt', { date: format.date(c.completed_at) })}
                      </Text>
                    )}
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
                      {c.closure_note || t('commitmentPage.noClosure')}
                    </Text>
                  </Stack>
                ) : (
                  ''
                ),
            },
          ]}
        />
      </Paper>
      <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="details-title">
        <Title order={2} size="h4" mb="sm" id="details-title">
          {t('commitmentPage.details')}
        </Title>
        {c.details ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} dir="auto">
            {c.details}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('commitmentPage.noDetails')}
          </Text>
        )}
      </Paper>
    </>
  );
}
