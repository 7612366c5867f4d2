import { Anchor, Badge, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { Segmented } from '../../components/segmented/Segmented';
import { IconBuilding, IconChartBar, IconClockExclamation } from '@tabler/icons-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { canReview } from '../../auth/permissions';
import { ExportButton } from '../../components/export/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { WhenVisible } from '../../components/WhenVisible';
import { QueryError } from '../../components/QueryError';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useFormat } from '../../components/useFormat';
import { useOfficeName, useUserName } from '../../components/useNames';
import { useMe, type User } from '../../hooks/auth';
import { prefetchNames } from '../../components/prefetch/prefetchNames';
import type { QueryClient } from '@tanstack/react-query';
import { prefetchCounterpartNames, useCounterpartNames } from '../../hooks/commitments';
import { useOffices } from '../../hooks/offices';
import { commitmentReviewQuery, STALE_DAYS, useCommitmentReview, type CommitmentReview, type StaleDays } from '../../hooks/review';
import { WithWhom } from '../commitments/CommitmentParts';
import { WHOLE_BADGE } from '../review/CommitmentStatus';
import ReviewCharts from '../review/ReviewCharts';
import { commitmentsLink, reviewFilters, type CommitmentFilters, type GroupBy } from '../review/commitmentFilters';
import { StaleStakeholders } from '../review/StaleStakeholders';


const GROUPINGS = ['owner', 'office', 'country', 'project'] as const satisfies readonly GroupBy[];
type Group = CommitmentReview['by_owner'][number];

/** The address value for "every office the reader may see". */
const ALL_OFFICES = 'all';

/**
 * The offices the review covers: the one in the address, or every office
 * (`office=all`); without one, a manager's own office, an admin's every office.
 */
export function reviewOffices(param: string | null, me: Pick<User, 'role' | 'office_id'> | null | undefined): number[] {
  if (param === ALL_OFFICES) return [];
  const id = Number(param);
  if (param && Number.isInteger(id) && id > 0) return [id];
  return me?.role === 'manager' ? [me.office_id] : [];
}

/**
 * What the review draws for the address it is opened at (its commitments
 * tab: the stale tab is a second visit), started before it is drawn
 * (src/pageData.ts): the review's figures, the names of the overdue
 * commitments' counterparts, and the names the page shows.
 */
export function prefetchReviewPage(queryClient: QueryClient, me: User, search: string): Promise<unknown> {
  const params = new URLSearchParams(search);
  if (!canReview(me) || params.get('tab') === 'stale') return Promise.resolve();
  const review = queryClient
    .fetchQuery(commitmentReviewQuery(reviewOffices(params.get('office'), me)))
    .then((data) => prefetchCounterpartNames(queryClient, data.overdue ?? []));
  return Promise.all([review.catch(() => undefined), prefetchNames(queryClient)]);
}

/**
 * The manager's review: what is overdue or due soon and who owns it, by
 * owner, office, country and project, each number leading to the list
 * behind it; and the key stakeholders nobody has met lately.
 */
export function ReviewPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const format = useFormat();
  const userName = useUserName();
  const officeName = useOfficeName();
  const offices = useOffices();
  const countries = useCountryOptions();
  const [params, setParams] = useSearchParams();
  const officeParam = params.get('office');
  const officeIds = useMemo(() => reviewOffices(officeParam, me), [officeParam, me]);
  const review = useCommitmentReview(officeIds, !!me);
  const scope: Partial<CommitmentFilters> = officeIds.length ? { office: officeIds } : {};
  const names = useCounterpartNames(review.data?.overdue ?? []);
  const tab = params.get('tab') === 'stale' ? 'stale' : 'commitments';
  const by = (GROUPINGS as readonly string[]).includes(params.get('by') ?? '') ? (params.get('by') as GroupBy) : 'owner';
  const daysParam = Number(params.get('days'));
  const days: StaleDays = (STALE_DAYS as readonly number[]).includes(daysParam) ? (daysParam as StaleDays) : 90;
  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const groupLabel = useCallback(
    (g: Group) => {
      if (!g.key) return t(`reviewCharts.none.${by}`);
      if (by === 'country') return countries.nameOf(g.key) || g.label;
      if (by === 'owner') return g.label || userName(Number(g.key)) || g.key;
      return g.label || g.key;
    },
    [by, countries, t, userName],
  );

  if (!canReview(me)) return <Navigate to="/" replace />;
  if (review.isPending) return <PageLoader />;
  if (review.isError) return <QueryError title={t('records.loadError')} error={review.error} onRetry={() => void review.refetch()} />;
  const data = review.data;
  const totals = data.totals;
  const cards: { label: string; value: number; to: Partial<CommitmentFilters>; alert?: boolean }[] = [
    { label: t('review.overdue'), value: totals?.overdue ?? 0, to: { ...scope, ...reviewFilters(data.as_of, 'overdue') }, alert: true },
    { label: t('review.due7'), value: totals?.due_7 ?? 0, to: { ...scope, ...reviewFilters(data.as_of, 'due7') } },
    { label: t('review.due30'), value: totals?.due_30 ?? 0, to: { ...scope, ...reviewFilters(data.as_of, 'due30') } },
    { label: t('review.open'), value: (totals?.open ?? 0) + (totals?.in_progress ?? 0), to: { ...scope, status: ['open', 'in_progress'] } },
    { label: t('review.done'), value: totals?.done ?? 0, to: { ...scope, status: ['done'] } },
  ];
  const officeOptions = [
    { value: ALL_OFFICES, label: t('reviewScope.allOffices') },
    ...(offices.data ?? []).map((o) => ({ value: String(o.id), label: o.name })),
  ];
  const overdue = data.overdue ?? [];
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('review.title')}
        description={t('review.subtitle', { date: format.date(data.as_of) })}
        actions={
          <>
            <ExportButton path="/api/v1/review/commitments/export" query={{ office_id: officeIds }} formats={['xlsx']} />
            <Select
              label={t('reviewScope.office')}
              leftSection={<IconBuilding size={16} aria-hidden="true" />}
              data={officeOptions}
              value={officeIds.length === 1 ? String(officeIds[0]) : ALL_OFFICES}
              onChange={(v) => setParam('office', v && v !== ALL_OFFICES ? v : ALL_OFFICES)}
              allowDeselect={false}
              w={{ base: '100%', xs: 260 }}
              data-testid="review-office"
            />
          </>
        }
      />
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('reviewCharts.summary')}>
        {cards.map((c) => (
          <Paper
            key={c.label}
            component="li"
            withBorder
            radius="lg"
            p="md"
            style={c.alert && c.value > 0 ? { borderInlineStart: '4px solid var(--mantine-color-red-7)' } : undefined}
          >
            <Anchor component={Link} to={commitmentsLink(c.to)} underline="hover" c="inherit" display="block" data-testid={c.alert ? 'overdue-count' : undefined}>
              <Text size="sm" c="dimmed">
                {c.label}
              </Text>
              <Text fz={28} fw={700} c={c.alert && c.value > 0 ? 'red.9' : undefined}>
                {format.number(c.value)}
              </Text>
            </Anchor>
          </Paper>
        ))}
      </SimpleGrid>
      <Tabs value={tab} onChange={(v) => setParam('tab', v === 'stale' ? 'stale' : null)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="commitments" leftSection={<IconChartBar size={16} aria-hidden="true" />}>
            {t('reviewCharts.tab')}
          </Tabs.Tab>
          <Tabs.Tab value="stale" leftSection={<IconClockExclamation size={16} aria-hidden="true" />}>
            {t('stale.tab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="commitments" pt="md">
          <Stack gap="lg">
            <div>
              <Text size="sm" fw={500} id="group-by-label" mb={4}>
                {t('reviewCharts.groupBy')}
              </Text>
              <Segmented
                aria-labelledby="group-by-label"
                value={by}
                onChange={(v) => setParam('by', v === 'owner' ? null : v)}
                data={GROUPINGS.map((g) => ({ value: g, label: t(`reviewCharts.by.${g}`) }))}
              />
            </div>
            <WhenVisible minHeight={320}>
              <ReviewCharts review={data} by={by} label={groupLabel} scope={scope} />
            </WhenVisible>
            <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="overdue-title">
              <Title order={2} size="h4" mb="md" id="overdue-title">
                {t('review.overdueList')}
              </Title>
              {overdue.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('review.nothingOverdue')}
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={820} type="native">
                  <Table verticalSpacing="sm" aria-labelledby="overdue-title">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('records.titleColumn')}</Table.Th>
                        <Table.Th scope="col">{t('reviewScope.withWhom')}</Table.Th>
                        <Table.Th scope="col">{t('reviewScope.office')}</Table.Th>
                        <Table.Th scope="col">{t('commitments.owner')}</Table.Th>
                        <Table.Th scope="col">{t('commitments.dueDate')}</Table.Th>
                        <Table.Th scope="col">{t('records.status')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {overdue.map((c) => (
                        <Table.Tr key={c.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/commitments/${c.id}`} size="sm" fw={600}>
                              <bdi>{c.title}</bdi>
                            </Anchor>
                          </Table.Td>
                          <Table.Td>
                            <WithWhom commitment={c} names={names} />
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm" data-testid="office-label" style={{ whiteSpace: 'nowrap' }}>
                              {officeName(c.office_id) || '—'}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            {c.owner_id ? (
                              <Anchor
                                component={Link}
                                to={commitmentsLink({ ...scope, owner: [c.owner_id], overdue: true })}
                                size="sm"
                                aria-label={t('reviewCharts.ownerOverdue', { name: userName(c.owner_id) })}
                              >
                                {userName(c.owner_id) || '—'}
                              </Anchor>
                            ) : (
                              '—'
                            )}
                          </Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.due_date ? format.date(c.due_date) : '—'}</Table.Td>
                          <Table.Td>
                            <Badge variant="light" color="orange" tt="none" styles={WHOLE_BADGE}>
                              {t(`commitment.statuses.${c.status}`)}
                            </Badge>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="stale" pt="md">
          <StaleStakeholders days={days} officeIds={officeIds} onDays={(d) => setParam('days', d === 90 ? null : String(d))} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
