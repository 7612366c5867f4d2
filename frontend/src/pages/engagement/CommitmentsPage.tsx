import { Alert, Badge, Button, Group, Modal, MultiSelect, NativeSelect, SimpleGrid, Stack, Switch, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { FiltersPanel, SearchField } from '../../components/list/ListParts';
import { useUrlFilters } from '../../components/list/useUrlFilters';
import { useFormat } from '../../components/useFormat';
import { useUserName } from '../../components/useNames';
import { useCommitments, useSetCommitmentStatus, type Commitment } from '../../hooks/engagement';
import { notify } from '../../components/notify';
import { flattenPages } from '../../hooks/list';
import { RecordList } from './RecordList';

const STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const satisfies readonly Commitment['status'][];

export function CommitmentsPage() {
  const { t } = useTranslation();
  const url = useUrlFilters();
  const format = useFormat();
  const userName = useUserName();
  const overdue = url.flag('overdue');
  const filter = {
    q: url.text('q'),
    status: url.oneOf('status', STATUSES),
    overdue: overdue ? ('true' as const) : undefined,
    sort: 'due_date' as const,
  };
  const list = useCommitments(filter);
  const [closing, setClosing] = useState<Commitment | null>(null);
  const rows = useMemo(() => flattenPages(list.data?.pages), [list.data]);
  return (
    <Stack gap="md">
      <PageHeader title={t('commitments.title')} description={t('commitments.subtitle')} />
      <FiltersPanel label={t('list.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <SearchField label={t('list.search')} value={filter.q ?? ''} onChange={(q) => url.set({ q })} />
          <MultiSelect
            label={t('records.status')}
            placeholder={filter.status.length ? undefined : t('list.any')}
            data={STATUSES.map((value) => ({ value, label: t(`commitment.statuses.${value}`) }))}
            value={filter.status}
            onChange={(v) => url.set({ status: v })}
            clearable
          />
          <Group align="flex-end" pb={8}>
            <Switch label={t('commitments.overdueOnly')} checked={overdue} onChange={(e) => url.set({ overdue: e.currentTarget.checked })} />
          </Group>
        </SimpleGrid>
      </FiltersPanel>
      <RecordList
        label={t('commitments.title')}
        rows={rows}
        headers={[t('records.titleColumn'), t('commitments.direction'), t('commitments.owner'), t('commitments.dueDate'), t('records.status')]}
        cells={(c) => [
          <Text key="t" size="sm" fw={600}>
            <bdi>{c.title}</bdi>
          </Text>,
          t(`commitment.directions.${c.direction}`),
          userName(c.owner_id) || '—',
          <Group key="d" gap={6} wrap="nowrap">
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {c.due_date ? format.date(c.due_date) : '—'}
            </Text>
            {c.overdue && (
              <Badge size="sm" color="red" variant="light" tt="none" leftSection={<IconAlertTriangle size={12} aria-hidden="true" />}>
                {t('commitment.overdue')}
              </Badge>
            )}
          </Group>,
          <StatusSelect key="s" commitment={c} onDone={() => setClosing(c)} />,
        ]}
        pending={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
        empty={t('commitments.empty')}
      />
      <CloseDialog commitment={closing} onClose={() => setClosing(null)} />
    </Stack>
  );
}

/** The status, changed in place; "done" asks for a closure note first. */
function StatusSelect({ commitment: c, onDone }: { commitment: Commitment; onDone: () => void }) {
  const { t } = useTranslation();
  const set = useSetCommitmentStatus();
  return (
    <NativeSelect
      size="xs"
      aria-label={t('commitments.statusOf', { title: c.title })}
      data={STATUSES.map((value) => ({ value, label: t(`commitment.statuses.${value}`) }))}
      value={c.status}
      disabled={set.isPending}
      onChange={(e) => {
        const status = e.currentTarget.value as Commitment['status'];
        if (status === 'done') return onDone();
        set.mutate(
          { id: c.id, version: c.version, status },
          { onError: (error) => notify.warning(error instanceof Error ? error.message : t('commitments.statusFailed')) },
        );
      }}
      style={{ minWidth: 130 }}
    />
  );
}

function CloseDialog({ commitment, onClose }: { commitment: Commitment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const set = useSetCommitmentStatus();
  const close = () => {
    setNote('');
    set.reset();
    onClose();
  };
  return (
    <Modal opened={!!commitment} onClose={close} title={t('commitments.closeTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {commitment && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            set.mutate({ id: commitment.id, version: commitment.version, status: 'done', closure_note: note.trim() }, { onSuccess: close });
          }}
        >
          <Stack gap="sm">
            <Text size="sm" fw={600}>
              <bdi>{commitment.title}</bdi>
            </Text>
            <Textarea label={t('commitments.closureNote')} description={t('commitments.closureHint')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={3} data-autofocus />
            {set.isError && <Alert color="red">{set.error instanceof Error ? set.error.message : t('commitments.statusFailed')}</Alert>}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={set.isPending}>
                {t('commitments.markDone')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
