import { Badge, Button, Stack, Text, Tooltip } from '@mantine/core';
import { Segmented } from '../../components/segmented/Segmented';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormParts';
import { PagedTable } from '../../components/list/PagedTable';
import { useUrlFilters } from '../../components/list/useUrlFilters';
import type { Column } from '../../components/list/VirtualTable';
import { notify } from '../../components/notify';
import { useFormat } from '../../components/useFormat';
import { canRetry, useJobList, useRetryJob, type Job, type JobState, type JobStateFilter } from '../../hooks/jobs';
import { flattenPages } from '../../hooks/list';
import { errorMessage } from '../../i18n/errorMessage';
import { JobSummaryCards } from './JobSummaryCards';

/** The filter's choices, the failed first: they are what an admin comes here for. */
const FILTERS = ['failed', 'queued', 'running', 'completed'] as const satisfies readonly JobStateFilter[];

/** The queue's states, each with its colour; a state this build does not know is shown as the server names it. */
const STATE_COLORS = {
  available: 'blue',
  scheduled: 'blue',
  pending: 'gray',
  running: 'cyan',
  retryable: 'orange',
  completed: 'teal',
  discarded: 'red',
  cancelled: 'gray',
} as const;
type KnownState = keyof typeof STATE_COLORS;

function isKnownState(state: JobState): state is KnownState {
  return Object.hasOwn(STATE_COLORS, state);
}

/** The kinds of job the server runs, by a name people read; another kind is shown as its code. */
const KINDS = ['schedule', 'mail_outbox', 'notification_mail', 'digest'] as const;
type KnownKind = (typeof KINDS)[number];

function isKnownKind(kind: string): kind is KnownKind {
  return (KINDS as readonly string[]).includes(kind);
}

/** `/admin/jobs`: the background jobs, counted by state and listed by group of states, with a retry for the failed. */
export function JobsPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const url = useUrlFilters();
  const state = url.oneOf('state', FILTERS)[0] ?? 'failed';
  const list = useJobList(state);
  const rows = flattenPages(list.data?.pages);
  const retry = useRetryJob();

  const columns: Column<Job>[] = [
    {
      id: 'kind',
      header: t('jobs.kind'),
      cell: (job) =>
        isKnownKind(job.kind) ? (
          t(`jobs.kinds.${job.kind}`)
        ) : (
          <Text span ff="monospace" size="sm" dir="ltr">
            {job.kind}
          </Text>
        ),
    },
    {
      id: 'state',
      header: t('jobs.state'),
      nowrap: true,
      cell: (job) => (
        <Badge variant="light" color={isKnownState(job.state) ? STATE_COLORS[job.state] : 'gray'} tt="none">
          {isKnownState(job.state) ? t(`jobs.states.${job.state}`) : job.state}
        </Badge>
      ),
    },
    {
      id: 'attempts',
      header: t('jobs.attempts'),
      nowrap: true,
      cell: (job) => t('jobs.attemptsValue', { attempt: format.number(job.attempt), max: format.number(job.max_attempts) }),
    },
    {
      id: 'error',
      header: t('jobs.lastError'),
      width: '40%',
      cell: (job) =>
        job.last_error ? (
          <Tooltip label={job.last_error} multiline maw={480} withinPortal openDelay={200} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            <Text size="sm" lineClamp={2} ff="monospace" dir="ltr" style={{ overflowWrap: 'anywhere' }}>
              {job.last_error}
            </Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    { id: 'created', header: t('jobs.created'), nowrap: true, cell: (job) => format.dateTime(job.created_at) },
    {
      id: 'actions',
      header: t('common.actions'),
      nowrap: true,
      cell: (job) =>
        canRetry(job) ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRefresh size={14} aria-hidden="true" />}
            aria-label={t('jobs.retryNamed', { id: job.id, kind: isKnownKind(job.kind) ? t(`jobs.kinds.${job.kind}`) : job.kind })}
            loading={retry.isPending && retry.variables === job.id}
            onClick={() => retry.mutate(job.id, { onSuccess: () => notify.success(t('jobs.retried', { id: job.id })) })}
          >
            {t('jobs.retry')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={640}>
        {t('jobs.intro')}
      </Text>
      <JobSummaryCards />
      <Segmented
        aria-label={t('jobs.show')}
        value={state}
        onChange={(value) => url.set({ state: value === 'failed' ? null : value })}
        data={FILTERS.map((filter) => ({ value: filter, label: t(`jobs.filters.${filter}`) }))}
        style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
      />
      <FormAlert title={t('jobs.retryFailed')} messages={retry.error ? [errorMessage(retry.error, t)] : []} />
      <PagedTable
        list={list}
        rows={rows}
        label={t('jobs.table')}
        columns={columns}
        rowKey={(job) => job.id}
        loadError={t('jobs.loadFailed')}
        empty={t('jobs.empty')}
        minWidth={760}
      />
    </Stack>
  );
}
