import { Alert, Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { counterpartOf, FollowUpRows, type FollowUpDraft, type FollowUpField } from '../../components/FollowUpRows';
import { dateFieldInvalid } from '../../components/dates/DateField';
import { notify } from '../../components/notify';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../components/useFormat';
import { useUserName } from '../../components/useNames';
import { useMe } from '../../hooks/auth';
import { useCommitments, useCounterpartNames, useCreateCommitment, type Commitment } from '../../hooks/commitments';
import type { InteractionRecord } from '../../hooks/interactions';
import { flattenPages } from '../../hooks/list';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';
import { CommitmentEditDialog } from '../commitments/CommitmentEditDialog';
import { EditCommitmentButton } from '../commitments/CommitmentParts';
import { WHOLE_BADGE } from '../review/CommitmentStatus';

/** The meeting's follow-ups as its page lists them (and starts them, prefetchInteractionPage). */
export const followUpsFilter = (interactionId: number) => ({ interaction_id: [interactionId], sort: 'due_date' as const });

/** The follow-ups promised at this meeting, and more added to them. */
export function InteractionFollowUps({ interaction, canAdd }: { interaction: InteractionRecord; canAdd: boolean }) {
  const { t } = useTranslation();
  const list = useCommitments(followUpsFilter(interaction.id));
  const rows = useMemo(() => flattenPages(list.data?.pages), [list.data]);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Commitment | null>(null);
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="interaction-follow-ups">
      <Group justify="space-between" mb="md" gap="xs">
        <Title order={2} size="h4" id="interaction-follow-ups">
          {t('interactionPage.followUps')}
        </Title>
        {canAdd && !adding && (
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={() => setAdding(true)}>
            {t('interactionPage.addFollowUps')}
          </Button>
        )}
      </Group>
      <Stack gap="sm">
        {list.isPending ? (
          <Skeleton height={40} radius="md" />
        ) : list.isError && rows.length === 0 ? (
          <QueryError title={t('records.loadError')} error={list.error} onRetry={() => void list.refetch()} />
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('interactionPage.noFollowUps')}
          </Text>
        ) : (
          <FollowUpList rows={rows} onEdit={setEditing} />
        )}
        {list.hasNextPage && (
          <Button variant="subtle" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('list.loadMore')}
          </Button>
        )}
        {adding && <AddFollowUps interaction={interaction} onDone={() => setAdding(false)} />}
      </Stack>
      <CommitmentEditDialog commitment={editing} onClose={() => setEditing(null)} />
    </Paper>
  );
}

function FollowUpList({ rows, onEdit }: { rows: Commitment[]; onEdit: (c: Commitment) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const userName = useUserName();
  const names = useCounterpartNames(rows);
  return (
    <Stack component="ul" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {rows.map((c) => {
        const withWhom = names.organization(c.counterpart_organization_id) || names.contact(c.counterpart_contact_id);
        return (
          <Paper component="li" key={c.id} withBorder radius="md" p="sm">
            <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/commitments/${c.id}`} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  <bdi>{c.title}</bdi>
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`commitment.directions.${c.direction}`)}
                  {withWhom && (
                    <>
                      {' · '}
                      <bdi>{withWhom}</bdi>
                    </>
                  )}
                  {c.owner_id ? (
                    <>
                      {' · '}
                      <bdi>{userName(c.owner_id)}</bdi>
                    </>
                  ) : null}
                  {c.due_date && ` · ${t('interactionPage.due', { date: format.date(c.due_date) })}`}
                </Text>
                <Group gap={6}>
                  <Badge size="xs" variant="light" color="orange" tt="none" styles={WHOLE_BADGE}>
                    {t(`commitment.statuses.${c.status}`)}
                  </Badge>
                  {c.overdue && (
                    <Badge size="xs" color="red" variant="light" tt="none" styles={WHOLE_BADGE} leftSection={<IconAlertTriangle size={10} aria-hidden="true" />}>
                      {t('commitment.overdue')}
                    </Badge>
                  )}
                </Group>
              </Stack>
              <EditCommitmentButton commitment={c} onEdit={onEdit} />
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}

/**
 * New follow-ups of this meeting, written as in the quick log (who owes
 * it, to or by which organization, who follows it up, by when). Each is
 * its own record: those saved leave the form, one refused stays with its
 * error at the field.
 */
function AddFollowUps({ interaction, onDone }: { interaction: InteractionRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const create = useCreateCommitment();
  const [drafts, setDrafts] = useState<FollowUpDraft[]>([{ key: 1, title: '', due_date: '' }]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [failedKey, setFailedKey] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const defaultCounterpart = interaction.participants.find((p) => p.organization_id)?.organization_id ?? null;
  const server = formErrors(create.error, t, ['title', 'due_date', 'direction', 'counterpart_organization_id', 'owner_id']);
  const general = !create.error ? [] : server.otherErrors.length ? server.otherErrors : Object.keys(server.fieldErrors).length ? [] : [errorMessage(create.error, t)];
  const errorOf = (i: number, field: FollowUpField) => local[`${i}.${field}`] || (drafts[i]?.key === failedKey ? server.fieldErrors[field] : undefined);

  const save = async () => {
    const problems: Record<string, string> = {};
    drafts.forEach((f, i) => {
      if (!f.title.trim()) problems[`${i}.title`] = t('interactionPage.followUpTitleRequired');
      if (dateFieldInvalid(f.due_date)) problems[`${i}.due_date`] = t('quickLog.dateInvalid');
    });
    setLocal(problems);
    if (Object.keys(problems).length) return;
    setSaving(true);
    let done = 0;
    try {
      for (const f of drafts) {
        const counterpart = counterpartOf(f, { defaultCounterpart });
        const owner = f.owner_id === undefined ? (me?.id ?? null) : f.owner_id;
        try {
          await create.mutateAsync({
            title: f.title.trim(),
            direction: f.direction ?? 'ours',
            due_date: f.due_date || null,
            interaction_id: interaction.id,
            ...(interaction.visit_id ? { visit_id: interaction.visit_id } : {}),
            ...(interaction.project_id ? { project_id: interaction.project_id } : {}),
            ...(counterpart ? { counterpart_organization_id: counterpart } : {}),
            ...(owner ? { owner_id: owner } : {}),
            ...(interaction.restricted ? { restricted: true } : {}),
          });
        } catch {
          setFailedKey(f.key);
          setDrafts((list) => list.filter((x) => !drafts.slice(0, done).some((d) => d.key === x.key)));
          return;
        }
        done++;
      }
    } finally {
      setSaving(false);
      if (done > 0) notify.success(t('interactionPage.followUpsSaved', { count: done }));
    }
    onDone();
  };

  return (
    <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-gray-0)">
      <Stack gap="xs">
        {general.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} title={t('interactionPage.followUpsFailed')} role="alert">
            {general.join(' ')}
          </Alert>
        )}
        <FollowUpRows
          value={drafts}
          onChange={(next) => setDrafts((list) => next(list))}
          context={{ defaultCounterpart, defaultOwner: me?.id ?? null, officeId: interaction.office_id }}
          errorOf={errorOf}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void save()} loading={saving} disabled={drafts.length === 0}>
            {t('interactionPage.saveFollowUps')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
