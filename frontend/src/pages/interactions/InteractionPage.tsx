import { ActionIcon, Alert, Anchor, Badge, Grid, Group, Menu, Stack, Text, Title, useDirection } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { QueryClient } from '@tanstack/react-query';
import { IconArchive, IconArrowBack, IconDots, IconEye, IconLock, IconPlaneDeparture } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { canEditRecord } from '../../auth/permissions';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { RecordAttachments } from '../../components/attachments/RecordAttachments';
import { HistoryPanel } from '../../components/history/HistoryPanel';
import { notify } from '../../components/notify';
import { prefetchNames } from '../../components/prefetch/prefetchNames';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useMe } from '../../hooks/auth';
import { commitmentsQuery, prefetchCounterpartNames } from '../../hooks/commitments';
import { documentsQuery } from '../../hooks/documents';
import { interactionQuery, useArchiveInteraction, useInteraction, type InteractionRecord } from '../../hooks/interactions';
import { flattenPages } from '../../hooks/list';
import { notesQuery } from '../../hooks/notes';
import { projectQuery } from '../../hooks/projects';
import { browserTimeZone, useVisit, visitQuery } from '../../hooks/visits';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { InteractionDetails } from './InteractionDetails';
import { followUpsFilter, InteractionFollowUps } from './InteractionFollowUps';
import { InteractionParticipants } from './InteractionParticipants';
import { meetingZone } from './interactionForm';
import { useZonedTime } from './useZonedTime';

/**
 * The page's first requests, started before its first render
 * (src/pageData.ts): the meeting, then its visit when it was part of one
 * (the page waits for the visit's country, whose clock it reads the meeting
 * in) and its project; alongside them its follow-ups with the names of
 * their counterparts, its notes and documents, and the names the page
 * shows. The page is then drawn once, with them, instead of once per
 * answer; its history asks when it comes into view.
 */
export async function prefetchInteractionPage(queryClient: QueryClient, id: number) {
  const followUps = queryClient
    .fetchInfiniteQuery(commitmentsQuery(followUpsFilter(id)))
    // Each follow-up names whom it is owed to or by: asked for the page, in two requests.
    .then((data) => prefetchCounterpartNames(queryClient, flattenPages(data.pages)));
  const alongside = Promise.all([
    followUps,
    // Beside the meeting on a desktop, not below it: drawn with the page.
    queryClient.prefetchInfiniteQuery(notesQuery('interactions', id)),
    queryClient.prefetchInfiniteQuery(documentsQuery('interactions', id)),
    prefetchNames(queryClient),
  ]);
  const interaction = await queryClient.fetchQuery(interactionQuery(id));
  await Promise.all([
    // The page reads the meeting on its visit's clock, and names its project.
    interaction.visit_id && queryClient.prefetchQuery(visitQuery(interaction.visit_id)),
    interaction.project_id && queryClient.prefetchQuery(projectQuery(interaction.project_id)),
    alongside,
  ]);
}

/**
 * One meeting, whole: what it was and when on its own clock, who took part
 * as what, what was promised there, its notes, documents and history; each
 * part edited in place by those who may.
 */
export function InteractionPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const interactionId = Number(id);
  const valid = Number.isInteger(interactionId) && interactionId > 0;
  const interaction = useInteraction(valid ? interactionId : null);
  const visit = useVisit(interaction.data?.visit_id ?? null);
  if (!valid) return <NotFoundPage />;
  if (interaction.isPending || (interaction.data?.visit_id && visit.isPending)) return <PageLoader />;
  if (interaction.isError) {
    if ((interaction.error as { status?: number }).status === 404) return <NotFoundPage />;
    return <QueryError title={t('interactionPage.loadError')} error={interaction.error} onRetry={() => void interaction.refetch()} />;
  }
  const zone = meetingZone(interaction.data, visit.data?.host_country_code, browserTimeZone());
  return <InteractionView interaction={interaction.data} zone={zone} visitTitle={visit.data?.title} />;
}

function InteractionView({ interaction: i, zone, visitTitle }: { interaction: InteractionRecord; zone: string; visitTitle?: string }) {
  const { t } = useTranslation();
  const { dir } = useDirection();
  const { data: me } = useMe();
  const edit = canEditRecord(me, i);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/interactions" size="sm">
        <Group gap={4} wrap="nowrap">
          <IconArrowBack size={16} aria-hidden="true" style={dir === 'rtl' ? { transform: 'scaleX(-1)' } : undefined} />
          {t('interactionPage.back')}
        </Group>
      </Anchor>
      <Header interaction={i} zone={zone} visitTitle={visitTitle} canArchive={edit.allowed} />
      {me && !edit.allowed && (
        <Alert variant="light" color="gray" icon={<IconEye aria-hidden="true" />} py="xs">
          <Text size="sm">{t(`permissions.reason.${edit.reason}`)}</Text>
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <InteractionDetails interaction={i} zone={zone} canEdit={edit.allowed} />
            <InteractionParticipants interaction={i} canEdit={edit.allowed} />
            <InteractionFollowUps interaction={i} canAdd={edit.allowed} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <RecordAttachments collection="interactions" recordId={i.id} canWrite={edit.allowed} />
            <HistoryPanel entity="interaction" id={i.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Header({ interaction: i, zone, visitTitle, canArchive }: { interaction: InteractionRecord; zone: string; visitTitle?: string; canArchive: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const when = useZonedTime(zone);
  const archive = useArchiveInteraction();
  const [asking, ask] = useDisclosure(false);
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-start" gap="md" wrap="nowrap">
        <Stack gap={6} style={{ minWidth: 0, flex: '1 1 auto' }}>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            <bdi>{i.subject}</bdi>
          </Title>
          <Group gap="xs" wrap="wrap">
            <Badge variant="light" tt="none">
              {t(`interaction.kinds.${i.kind}`)}
            </Badge>
            <Badge variant="dot" tt="none" color={i.status === 'held' ? 'teal' : i.status === 'planned' ? 'blue' : 'gray'}>
              {t(`interaction.statuses.${i.status}`)}
            </Badge>
            {i.restricted && (
              <Badge variant="outline" color="gray" tt="none" leftSection={<IconLock size={12} aria-hidden="true" />}>
                {t('interactionPage.fields.restricted')}
              </Badge>
            )}
          </Group>
          <Text size="sm">{when(i.starts_at)}</Text>
          {i.visit_id && (
            <Group gap={6} wrap="nowrap">
              <IconPlaneDeparture size={16} aria-hidden="true" style={{ flexShrink: 0 }} />
              <Text size="sm" c="dimmed">
                {t('interactionPage.partOfVisit')}{' '}
                <Anchor component={Link} to={`/visits/${i.visit_id}`} size="sm">
                  <bdi>{visitTitle ?? `#${i.visit_id}`}</bdi>
                </Anchor>
              </Text>
            </Group>
          )}
        </Stack>
        {canArchive && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="default" size="lg" aria-label={t('common.more')}>
                <IconDots size={18} aria-hidden="true" />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item color="red" leftSection={<IconArchive size={16} aria-hidden="true" />} onClick={ask.open}>
                {t('common.archive')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <ConfirmDialog
        opened={asking}
        title={t('interactionPage.archiveTitle', { subject: i.subject })}
        message={t('interactionPage.archiveText')}
        confirmLabel={t('common.archive')}
        loading={archive.isPending}
        error={archive.error}
        onClose={() => {
          archive.reset();
          ask.close();
        }}
        onConfirm={() =>
          archive.mutate(
            { id: i.id, version: i.version },
            {
              onSuccess: () => {
                ask.close();
                notify.success(t('interactionPage.archived', { subject: i.subject }));
                void navigate('/interactions');
              },
            },
          )
        }
      />
    </Stack>
  );
}
