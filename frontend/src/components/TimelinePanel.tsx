import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { IconCalendarEvent, IconChecklist, IconMessages, IconPlaneDeparture } from '@tabler/icons-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { flattenPages } from '../hooks/list';
import { useTimeline, type TimelineItem, type TimelineSubject } from '../hooks/timeline';
import { QueryError } from './QueryError';
import { useCountryOptions } from './useCountryOptions';
import { useFormat } from './useFormat';

const ICONS = {
  interaction: IconMessages,
  visit: IconPlaneDeparture,
  commitment: IconChecklist,
} as const;

const COLORS = { interaction: 'liaison', visit: 'grape', commitment: 'orange' } as const;

/** Meetings, visits and commitments touching an organization or contact, newest first; each opens its own page. */
export const TimelinePanel = memo(function TimelinePanel({ subject, id }: { subject: TimelineSubject; id: number }) {
  const { t } = useTranslation();
  const timeline = useTimeline(subject, id);
  const items = flattenPages(timeline.data?.pages);

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="timeline-title">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4" id="timeline-title">
          {t('timeline.title')}
        </Title>
        <IconCalendarEvent size={20} aria-hidden="true" color="var(--mantine-color-dimmed)" />
      </Group>
      {timeline.isPending ? (
        <Stack gap="md" aria-hidden="true">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={44} radius="md" />
          ))}
        </Stack>
      ) : timeline.isError && !timeline.data ? (
        <QueryError title={t('timeline.loadError')} error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(subject === 'organization' ? 'timeline.emptyOrganization' : 'timeline.emptyContact')}
        </Text>
      ) : (
        <>
          <Timeline bulletSize={28} lineWidth={2} active={-1}>
            {items.map((item) => (
              <Timeline.Item key={`${item.kind}-${itemId(item)}`} bullet={<Bullet kind={item.kind} />}>
                <Entry item={item} />
              </Timeline.Item>
            ))}
          </Timeline>
          {timeline.hasNextPage && (
            <Button variant="subtle" mt="md" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
              {t('timeline.more')}
            </Button>
          )}
        </>
      )}
    </Paper>
  );
});

function itemId(item: TimelineItem): number {
  return item.interaction?.id ?? item.visit?.id ?? item.commitment?.id ?? 0;
}

function Bullet({ kind }: { kind: TimelineItem['kind'] }) {
  const Icon = ICONS[kind];
  return (
    <ThemeIcon size={28} radius="xl" variant="light" color={COLORS[kind]}>
      <Icon size={15} aria-hidden="true" />
    </ThemeIcon>
  );
}

function Entry({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const countries = useCountryOptions();

  if (item.interaction) {
    const i = item.interaction;
    const place = [i.location, i.city, countries.nameOf(i.country_code)].filter(Boolean).join(t('common.separator'));
    return (
      <Stack gap={2}>
        <Group gap={6} wrap="wrap">
          <Anchor component={Link} to={`/interactions/${i.id}`} fw={600} size="sm">
            <bdi>{i.subject}</bdi>
          </Anchor>
          <Badge size="xs" variant="light" color="gray" tt="none">
            {t(`interaction.kinds.${i.kind}`)}
          </Badge>
          <Badge size="xs" variant="dot" color={i.status === 'held' ? 'teal' : i.status === 'planned' ? 'blue' : 'gray'} tt="none">
            {t(`interaction.statuses.${i.status}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          <time dateTime={i.starts_at}>{format.dateTime(i.starts_at)}</time>
          {place && (
            <>
              {' · '}
              <bdi>{place}</bdi>
            </>
          )}
        </Text>
        {i.summary && (
          <Text size="sm" lineClamp={2} dir="auto">
            {i.summary}
          </Text>
        )}
      </Stack>
    );
  }
  if (item.visit) {
    const v = item.visit;
    return (
      <Stack gap={2}>
        <Group gap={6} wrap="wrap">
          <Anchor component={Link} to={`/visits/${v.id}`} fw={600} size="sm">
            <bdi>{v.title}</bdi>
          </Anchor>
          <Badge size="xs" variant="light" color="grape" tt="none">
            {t(`visit.kinds.${v.kind}`)}
          </Badge>
          <Badge size="xs" variant="dot" color="gray" tt="none">
            {t(`visit.statuses.${v.status}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {format.date(v.start_date)} – {format.date(v.end_date)}
          {v.city && (
            <>
              {' · '}
              <bdi>{v.city}</bdi>
            </>
          )}
        </Text>
      </Stack>
    );
  }
  if (item.commitment) {
    const c = item.commitment;
    return (
      <Stack gap={2}>
        <Group gap={6} wrap="wrap">
          <Anchor component={Link} to={`/commitments/${c.id}`} fw={600} size="sm">
            <bdi>{c.title}</bdi>
          </Anchor>
          <Badge size="xs" variant="light" color="orange" tt="none">
            {t(`commitment.statuses.${c.status}`)}
          </Badge>
          {c.overdue && (
            <Badge size="xs" color="red" tt="none">
              {t('commitment.overdue')}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t(`commitment.directions.${c.direction}`)}
          {c.due_date && ` · ${t('commitment.due', { date: format.date(c.due_date) })}`}
        </Text>
      </Stack>
    );
  }
  return null;
}
