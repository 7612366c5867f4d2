import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconBuildingCommunity, IconChecklist, IconPlus, IconUserPlus, IconUsers } from '@tabler/icons-react';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canCreate } from '../../auth/permissions';
import { PageHeader } from '../../components/PageHeader';
import { totalText } from '../../components/list/totalText';
import { useFormat } from '../../components/useFormat';
import { useMe, type User } from '../../hooks/auth';
import { contactCountQuery, useContactCount } from '../../hooks/contacts';
import {
  commitmentsQuery,
  prefetchCounterpartNames,
  overdueCountQuery,
  useCommitments,
  useCounterpartNames,
  useOverdueCount,
  type Commitment,
  type CommitmentFilter,
} from '../../hooks/commitments';
import { flattenPages, type ListTotal } from '../../hooks/list';
import { organizationCountQuery, organizationsQuery, useOrganizationCount, useOrganizations } from '../../hooks/organizations';
import { withWhomText } from '../commitments/CommitmentParts';
import { commitmentsLink } from '../review/commitmentFilters';
import classes from './Dashboard.module.css';
import { WHOLE_BADGE } from '../review/CommitmentStatus';

/** My commitments still to do, by due date: the dashboard's list. */
function mineFilter(me: User | null | undefined): CommitmentFilter {
  return { owner_id: me ? [me.id] : [], status: ['open', 'in_progress'], sort: 'due_date' };
}

const RECENT = { sort: '-updated_at' } as const;
const RECENT_COUNT = 6;

/**
 * Starts every request of the dashboard once the user is known, before the
 * page is drawn (src/pageData.ts): the counts, the lists, and then the names
 * of my commitments' counterparts, rather than each after the render that
 * asks for it; resolves when all are in (prefetching never fails). The
 * page's own hooks then find them in flight or done.
 */
export async function prefetchDashboard(queryClient: QueryClient, me: User) {
  const mine = commitmentsQuery(mineFilter(me));
  const mineAndNames = queryClient
    .prefetchInfiniteQuery(mine)
    .then(() => prefetchCounterpartNames(queryClient, flattenPages(queryClient.getQueryData(mine.queryKey)?.pages)));
  await Promise.all([
    queryClient.prefetchQuery(organizationCountQuery({})),
    queryClient.prefetchQuery(contactCountQuery({})),
    queryClient.prefetchQuery(overdueCountQuery()),
    queryClient.prefetchInfiniteQuery(organizationsQuery(RECENT, RECENT_COUNT)),
    mineAndNames,
  ]);
}

/** One count of the dashboard, linking to its list; past the server's bound it reads "10,000+". */
function Stat({ label, value, icon, to, color }: { label: string; value: ListTotal | undefined; icon: ReactNode; to: string; color: string }) {
  const format = useFormat();
  return (
    <Paper withBorder radius="lg" p="md" component={Link} to={to} className={classes.stat}>
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          {/* The skeleton is as tall as the number's line (30 px at 1.1): nothing below moves when it comes. */}
          {value === undefined ? <Skeleton height={33} width={60} /> : <Text fz={30} fw={700} lh={1.1}>{totalText(value, format.number)}</Text>}
        </Stack>
        <ThemeIcon size={44} radius="md" variant="light" color={color}>
          {icon}
        </ThemeIcon>
      </Group>
    </Paper>
  );
}

/**
 * Lines in place of a list still loading, about as tall as the list will be:
 * on a phone the sections stand one above the other, and a small placeholder
 * would let the next section show, then be pushed far down when the list
 * comes in.
 */
function ListSkeleton({ rows, rowHeight }: { rows: number; rowHeight: number }) {
  return (
    <Stack gap={8} aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={rowHeight} />
      ))}
    </Stack>
  );
}

/** The height of the "with whom" line (small text): its placeholder takes as much room. */
const WITH_WHOM_LINE = 'calc(var(--mantine-font-size-xs) * var(--mantine-line-height-xs))';

function hasCounterpart(c: Pick<Commitment, 'counterpart_organization_id' | 'counterpart_contact_id'>) {
  return !!(c.counterpart_organization_id || c.counterpart_contact_id);
}

/** Overdue, due in the next seven days, later (or undated): what an officer owes, by urgency. */
export function groupByDue<T extends { overdue: boolean; due_date?: string | null }>(items: T[], today = new Date()) {
  const weekEnd = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate() + 7)).toISOString().slice(0, 10);
  const overdue = items.filter((c) => c.overdue);
  const week = items.filter((c) => !c.overdue && c.due_date && c.due_date <= weekEnd);
  const later = items.filter((c) => !c.overdue && !(c.due_date && c.due_date <= weekEnd));
  return [
    { key: 'overdue' as const, items: overdue.slice(0, 6), total: overdue.length },
    { key: 'thisWeek' as const, items: week.slice(0, 6), total: week.length },
    { key: 'later' as const, items: later.slice(0, 4), total: later.length },
  ];
}

export function DashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data: me } = useMe();
  const organizations = useOrganizationCount({});
  const contacts = useContactCount({});
  const overdue = useOverdueCount();
  const mine = useCommitments(mineFilter(me));
  const recent = useOrganizations(RECENT, RECENT_COUNT);
  const recentItems = flattenPages(recent.data?.pages).slice(0, RECENT_COUNT);
  const mineItems = flattenPages(mine.data?.pages);
  const groups = groupByDue(mineItems).filter((g) => g.items.length > 0);
  const names = useCounterpartNames(mineItems);
  // "See all" shows the same list: mine, still to do.
  const seeAllMine = commitmentsLink(me ? { owner: [me.id], status: ['open', 'in_progress'] } : { status: ['open', 'in_progress'] });

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('dashboard.welcome', { name: me?.name || me?.email || '' })}
        description={t('dashboard.intro')}
        actions={
          canCreate(me) ? (
            <>
              <Button component={Link} to="/organizations/new" variant="light" leftSection={<IconPlus size={16} aria-hidden="true" />}>
                {t('organizations.new')}
              </Button>
              <Button component={Link} to="/contacts/new" leftSection={<IconUserPlus size={16} aria-hidden="true" />}>
                {t('contacts.new')}
              </Button>
            </>
          ) : null
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stat label={t('nav.organizations')} value={organizations.data} icon={<IconBuildingCommunity size={22} aria-hidden="true" />} to="/organizations" color="liaison" />
        <Stat label={t('nav.contacts')} value={contacts.data} icon={<IconUsers size={22} aria-hidden="true" />} to="/contacts" color="indigo" />
        <Stat
          label={t('dashboard.overdue')}
          value={overdue.data}
          icon={<IconAlertTriangle size={22} aria-hidden="true" />}
          to="/commitments?overdue=true"
          color="red"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="mine-title">
          <Group justify="space-between" mb="md">
            <Title order={2} size="h4" id="mine-title">
              {t('dashboard.myCommitments')}
            </Title>
            <IconChecklist size={20} aria-hidden="true" color="var(--mantine-color-dimmed)" />
          </Group>
          {mine.isPending ? (
            <ListSkeleton rows={4} rowHeight={40} />
          ) : mineItems.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('dashboard.noCommitments')}
            </Text>
          ) : (
            <Stack gap="md">
              {groups.map(({ key, items, total }) => (
                <Stack key={key} gap={6}>
                  <Text size="xs" fw={700} tt="uppercase" c={key === 'overdue' ? 'red.8' : 'dimmed'} component="h3" m={0}>
                    {t(`dashboard.due.${key}`, { count: total })}
                  </Text>
                  <Stack component="ul" gap={2} m={0} p={0} style={{ listStyle: 'none' }}>
                    {items.map((c) => {
                      const withWhom = withWhomText(c, names);
                      return (
                        <li key={c.id}>
                          <Link to={`/commitments/${c.id}`} className={classes.item}>
                            <Group justify="space-between" wrap="nowrap" gap="sm">
                              <Stack gap={0} style={{ minWidth: 0 }}>
                                <Text size="sm" fw={500} c="var(--mantine-primary-color-filled)" truncate="end" dir="auto" className={classes.userText}>
                                  {c.title}
                                </Text>
                                {!withWhom && names.loading && hasCounterpart(c) && <Skeleton height={WITH_WHOM_LINE} width="40%" />}
                                {withWhom && (
                                  <Group gap={4} wrap="nowrap">
                                    <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                                      {t('commitmentList.withWhom')}:{' '}
                                    </Text>
                                    <Text size="xs" c="dimmed" truncate="end" dir="auto" className={classes.userText}>
                                      {withWhom}
                                    </Text>
                                  </Group>
                                )}
                              </Stack>
                              <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
                                {c.overdue && (
                                  <Badge size="sm" color="red" variant="light" tt="none" styles={WHOLE_BADGE} leftSection={<IconAlertTriangle size={12} aria-hidden="true" />}>
                                    {t('commitment.overdue')}
                                  </Badge>
                                )}
                                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                                  {c.due_date ? format.date(c.due_date) : ''}
                                </Text>
                              </Group>
                            </Group>
                          </Link>
                        </li>
                      );
                    })}
                  </Stack>
                </Stack>
              ))}
              <Anchor component={Link} to={seeAllMine} size="sm">
                {t('dashboard.seeAll')}
              </Anchor>
            </Stack>
          )}
        </Paper>
        <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="recent-title">
          <Group justify="space-between" mb="md">
            <Title order={2} size="h4" id="recent-title">
              {t('dashboard.recentOrganizations')}
            </Title>
            <Anchor component={Link} to="/organizations?sort=-updated_at" size="sm">
              {t('dashboard.seeAll')}
            </Anchor>
          </Group>
          {recent.isPending ? (
            <ListSkeleton rows={RECENT_COUNT} rowHeight={22} />
          ) : recentItems.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('organizations.emptyText')}
            </Text>
          ) : (
            <Stack gap={8}>
              {recentItems.map((o) => (
                <Group key={o.id} justify="space-between" wrap="nowrap" gap="sm">
                  <Anchor component={Link} to={`/organizations/${o.id}`} size="sm" truncate="end" dir="auto" className={classes.userText}>
                    {o.name}
                  </Anchor>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {format.date(o.updated_at)}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
