import { Anchor, Badge, Breadcrumbs, Button, Grid, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowNarrowRight, IconBan, IconChecklist, IconMapPin, IconPencil, IconPlus, IconPrinter } from '@tabler/icons-react';
import type { QueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { canEditVisit } from '../../auth/permissions';
import { RecordAttachments } from '../../components/attachments/RecordAttachments';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { HistoryPanel } from '../../components/history/HistoryPanel';
import { WhenVisible } from '../../components/WhenVisible';
import { prefetchNames } from '../../components/prefetch/prefetchNames';
import { notify } from '../../components/notify';
import { FollowUpForm } from '../../components/visit/FollowUpForm';
import { SessionEditor } from '../../components/visit/SessionEditor';
import { countryTimeZone } from '../../components/visit/timeZones';
import { useMe } from '../../hooks/auth';
import { useUpdateInteraction } from '../../hooks/interactions';
import { DetailList } from '../../components/DetailList';
import { LogInteractionButton } from '../../components/LogInteraction';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { RestrictedBadge } from '../../components/RestrictedBadge';
import { TagList } from '../../components/TagList';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useFormat } from '../../components/useFormat';
import { useOfficeName, useUserName } from '../../components/useNames';
import { intlLocale } from '../../i18n';
import { flattenPages } from '../../hooks/list';
import { commitmentsQuery, useCommitments } from '../../hooks/commitments';
import { projectQuery, useProject } from '../../hooks/projects';
import { browserTimeZone, itineraryQuery, useVisit, useVisitItinerary, visitQuery, type Itinerary } from '../../hooks/visits';

type Visit = Itinerary['visit'];
type Participant = Visit['participants'][number];
type Day = Itinerary['days'][number];
type Session = Day['interactions'][number];

const SIDES = ['visiting', 'host', 'facilitator', 'funder', 'other'] as const satisfies readonly Participant['side'][];

/** The visit's commitments as the page lists them. */
const visitCommitments = (id: number) => commitmentsQuery({ visit_id: [id], sort: 'due_date' });

/**
 * Everything the page draws first, asked for at once rather than one answer
 * after another: the visit and its commitments together, then the itinerary
 * in the host country's clock and the project, which need the visit. Started
 * before the first paint on a first visit (src/pageData.ts), so that the page
 * is drawn once, with its data, instead of once per answer (each of those a
 * long task on a phone).
 */
export async function prefetchVisitPage(queryClient: QueryClient, id: number) {
  const commitments = queryClient.prefetchInfiniteQuery(visitCommitments(id));
  const visit = await queryClient.fetchQuery(visitQuery(id));
  const zone = countryTimeZone(visit.host_country_code, browserTimeZone());
  await Promise.all([
    commitments,
    queryClient.prefetchQuery(itineraryQuery(id, zone)),
    visit.project_id ? queryClient.prefetchQuery(projectQuery(visit.project_id)) : undefined,
    prefetchNames(queryClient),
  ]);
}

export function VisitDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const visitId = Number(id);
  // Days are cut, and times read, in the host country's clock.
  const visit = useVisit(Number.isFinite(visitId) ? visitId : null);
  const zone = visit.data ? countryTimeZone(visit.data.host_country_code, browserTimeZone()) : '';
  const itinerary = useVisitItinerary(zone ? visitId : 0, zone || undefined);
  if (visit.isError) return <QueryError title={t('visit.loadError')} error={visit.error} onRetry={() => void visit.refetch()} />;
  if (visit.isPending || itinerary.isPending) return <PageLoader />;
  if (itinerary.isError) {
    return <QueryError title={t('visit.loadError')} error={itinerary.error} onRetry={() => void itinerary.refetch()} />;
  }
  return <VisitDetail itinerary={itinerary.data} zone={zone} />;
}

/** Who a participant is, linked to their record when there is one. */
function ParticipantName({ p }: { p: { name?: string | null; organization_id?: number | null; contact_id?: number | null; restricted: boolean } }) {
  const { t } = useTranslation();
  const name = p.name || t('common.notSet');
  const to = p.contact_id ? `/contacts/${p.contact_id}` : p.organization_id ? `/organizations/${p.organization_id}` : null;
  return (
    <Group gap={6} wrap="nowrap">
      {to ? (
        <Anchor component={Link} to={to} size="sm" fw={500}>
          <bdi>{name}</bdi>
        </Anchor>
      ) : (
        <Text size="sm" fw={500}>
          <bdi>{name}</bdi>
        </Text>
      )}
      {p.restricted && <RestrictedBadge />}
    </Group>
  );
}

function VisitDetail({ itinerary, zone }: { itinerary: Itinerary; zone: string }) {
  const { t, i18n } = useTranslation();
  const v = itinerary.visit;
  const { data: me } = useMe();
  // Its organisers (its office and its partner offices) edit it and manage its sessions.
  const editable = canEditVisit(me, v).allowed;
  const [adding, setAdding] = useState(false);
  const lastDay = itinerary.days[itinerary.days.length - 1]?.date;
  const subjects = useMemo(
    () => new Map(itinerary.days.flatMap((d) => d.interactions.map((s) => [s.id, s.subject] as const))),
    [itinerary.days],
  );
  const format = useFormat();
  const countries = useCountryOptions();
  const userName = useUserName();
  const officeName = useOfficeName();
  const project = useProject(v.project_id);
  const commitments = useCommitments({ visit_id: [v.id], sort: 'due_date' });
  const commitmentRows = useMemo(() => flattenPages(commitments.data?.pages), [commitments.data]);
  const language = intlLocale(i18n.resolvedLanguage ?? 'en', 'dates');
  const time = useMemo(
    () => new Intl.DateTimeFormat(language, { timeStyle: 'short', timeZone: itinerary.time_zone || zone || 'UTC' }),
    [language, itinerary.time_zone],
  );
  const dayLabel = useMemo(
    () => new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }),
    [language],
  );
  const funders = v.participants.filter((p) => p.side === 'funder' || p.role === 'funder');
  const bySide = SIDES.map((side) => ({ side, people: v.participants.filter((p) => p.side === side) })).filter((g) => g.people.length);
  const origin = countries.nameOf(v.origin_country_code);
  const host = countries.nameOf(v.host_country_code);

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›" component="nav" aria-label={t('visit.trail')}>
        <Anchor component={Link} to="/visits" size="sm">
          {t('nav.visits')}
        </Anchor>
        <Text size="sm" c="dimmed">
          <bdi>{v.title}</bdi>
        </Text>
      </Breadcrumbs>
      <Paper withBorder radius="lg" p="lg">
        <Stack gap="sm">
          {/* The title first: on a phone it is what the page is, before its
              status and its actions (and the server draws it there before
              the app has loaded, api/spa_shell.go). */}
          <Title order={1} size="h2">
            <bdi>{v.title}</bdi>
          </Title>
          <Group justify="space-between" gap="xs">
            <Group gap="xs">
              <Badge variant="light" color="grape" tt="none">
                {t(`visit.statuses.${v.status}`)}
              </Badge>
              <Badge variant="outline" color="gray" tt="none">
                {t(`visit.kinds.${v.kind}`)}
              </Badge>
            </Group>
            <Group gap="xs">
              <LogInteractionButton display="page" />
              <Button
                component={Link}
                to={`/visits/${v.id}/briefing?tz=${encodeURIComponent(itinerary.time_zone || zone || 'UTC')}`}
                variant="default"
                size="sm"
                leftSection={<IconPrinter size={16} aria-hidden="true" />}
              >
                {t('briefing.print')}
              </Button>
              {editable && (
                <Button component={Link} to={`/visits/${v.id}/edit`} variant="default" size="sm" leftSection={<IconPencil size={16} aria-hidden="true" />}>
                  {t('common.edit')}
                </Button>
              )}
            </Group>
          </Group>
          <Group gap="xs" wrap="wrap">
            <Text fw={500}>
              {format.date(v.start_date)} – {format.date(v.end_date)}
            </Text>
            {(origin || host) && (
              <Group gap={4} wrap="nowrap" aria-label={t('visit.route', { origin: origin || '—', host: host || '—' })}>
                <Text c="dimmed">{origin || '—'}</Text>
                <IconArrowNarrowRight size={18} aria-hidden="true" style={i18n.dir() === 'rtl' ? { transform: 'scaleX(-1)' } : undefined} />
                <Text c="dimmed">{[host, v.city].filter(Boolean).join(t('common.separator'))}</Text>
              </Group>
            )}
          </Group>
          {v.tags.length > 0 && <TagList tags={v.tags} />}
        </Stack>
      </Paper>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="visit-itinerary">
              <Group justify="space-between" gap="xs" mb="md">
                <Stack gap={0}>
                  <Title order={2} size="h4" id="visit-itinerary">
                    {t('visit.itinerary')}
                  </Title>
                  <Text size="xs" c="dimmed">
                    {t('itineraryEditor.timesIn', { zone })}
                  </Text>
                </Stack>
                {editable && !adding && (
                  <Button variant="light" size="sm" leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setAdding(true)}>
                    {t('itineraryEditor.addSession')}
                  </Button>
                )}
              </Group>
              {adding && (
                <Stack mb="md">
                  <SessionEditor
                    visit={v}
                    zone={zone}
                    defaultDay={lastDay && lastDay >= v.start_date && lastDay <= v.end_date ? lastDay : v.start_date}
                    onDone={() => setAdding(false)}
                  />
                </Stack>
              )}
              {itinerary.days.length === 0 && adding ? null : itinerary.days.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('visit.noSessions')}
                </Text>
              ) : (
                <Stack gap="lg">
                  {itinerary.days.map((day, index) => (
                    <DayBlock
                      key={day.date}
                      day={day}
                      label={t('visit.dayN', { n: index + 1, date: dayLabel.format(new Date(`${day.date}T00:00:00Z`)) })}
                      time={time}
                      visit={v}
                      zone={zone}
                      editable={editable}
                    />
                  ))}
                </Stack>
              )}
            </Paper>
            <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="visit-commitments">
              <Title order={2} size="h4" id="visit-commitments" mb="md">
                {t('visit.commitments')}
              </Title>
              {commitments.isPending ? (
                <Text c="dimmed" size="sm">
                  {t('common.loading')}
                </Text>
              ) : commitmentRows.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('visit.noCommitments')}
                </Text>
              ) : (
                <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {commitmentRows.map((c) => (
                    <Group key={c.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
                      <Stack gap={0}>
                        <Text size="sm" fw={600}>
                          <bdi>{c.title}</bdi>
                        </Text>
                        <Text size="xs" c="dimmed">
                          {[
                            t(`commitment.directions.${c.direction}`),
                            userName(c.owner_id),
                            c.due_date ? t('commitment.due', { date: format.date(c.due_date) }) : '',
                            c.interaction_id && subjects.get(c.interaction_id) ? t('itineraryEditor.madeAt', { subject: subjects.get(c.interaction_id) }) : '',
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </Text>
                      </Stack>
                      <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
                        {c.overdue && (
                          <Badge color="red" variant="light" tt="none" leftSection={<IconAlertTriangle size={12} aria-hidden="true" />}>
                            {t('commitment.overdue')}
                          </Badge>
                        )}
                        <Badge variant="light" tt="none" color={c.status === 'done' ? 'teal' : c.status === 'cancelled' ? 'gray' : 'orange'}>
                          {t(`commitment.statuses.${c.status}`)}
                        </Badge>
                      </Group>
                    </Group>
                  ))}
                </Stack>
              )}
            </Paper>
            <WhenVisible minHeight={160}>
              <RecordAttachments collection="visits" recordId={v.id} canWrite={editable} />
            </WhenVisible>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="visit-participants">
              <Title order={2} size="h4" id="visit-participants" mb="md">
                {t('records.participants')}
              </Title>
              {bySide.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('visit.noParticipants')}
                </Text>
              ) : (
                <Stack gap="md">
                  {bySide.map(({ side, people }) => (
                    <Stack key={side} gap={6}>
                      <Title order={3} size="h6" c="dimmed" tt="uppercase">
                        {t(`visit.sides.${side}`)}
                      </Title>
                      {people.map((p, i) => (
                        <Group key={i} justify="space-between" gap="xs" wrap="nowrap">
                          <ParticipantName p={p} />
                          <Text size="xs" c="dimmed">
                            {t(`visit.roles.${p.role}`)}
                          </Text>
                        </Group>
                      ))}
                    </Stack>
                  ))}
                </Stack>
              )}
            </Paper>
            <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="visit-about">
              <Title order={2} size="h4" id="visit-about" mb="md">
                {t('visit.about')}
              </Title>
              <DetailList
                cols={1}
                items={[
                  { label: t('visit.project'), value: project.data?.name ?? '' },
                  { label: t('visit.funder'), value: funders.map((f) => f.name).filter(Boolean).join(t('common.separator')) },
                  { label: t('visit.owner'), value: userName(v.owner_id) },
                  { label: t('visitForm.fields.partnerOffices'), value: (v.partner_office_ids ?? []).map(officeName).filter(Boolean).join(t('common.separator')) },
                  { label: t('visit.purpose'), value: v.purpose ? <bdi>{v.purpose}</bdi> : '', wide: true },
                  { label: t('visit.outcomes'), value: v.outcomes ? <bdi>{v.outcomes}</bdi> : '', wide: true },
                ]}
              />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      {/* The notes, documents and history are below the fold on a phone: drawn (and asked for) as they come near. */}
      <HistoryPanel entity="visit" id={v.id} />
    </Stack>
  );
}

function DayBlock({
  day,
  label,
  time,
  visit,
  zone,
  editable,
}: {
  day: Day;
  label: string;
  time: Intl.DateTimeFormat;
  visit: Visit;
  zone: string;
  editable: boolean;
}) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {label}
      </Title>
      <Timeline bulletSize={14} lineWidth={2} active={-1}>
        {day.interactions.map((s) => (
          <Timeline.Item key={s.id} title={<SessionTitle s={s} time={time} />}>
            <SessionEntry s={s} visit={visit} zone={zone} editable={editable} day={day.date} />
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

/** One session of the itinerary, with its actions: edit in place, add a follow-up, cancel it. */
function SessionEntry({ s, visit, zone, editable, day }: { s: Session; visit: Visit; zone: string; editable: boolean; day: string }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'view' | 'edit' | 'followUp'>('view');
  const [confirming, setConfirming] = useState(false);
  const update = useUpdateInteraction();
  // Any of the visit's organisers manages its sessions, whichever office added them.
  const mine = editable;
  if (mode === 'edit') {
    return (
      <Stack mt={4}>
        <SessionEditor visit={visit} session={s} zone={zone} defaultDay={day} onDone={() => setMode('view')} />
      </Stack>
    );
  }
  return (
    <Stack gap={4}>
      <SessionBody s={s} />
      {mine && (
        <Group gap={4} mt={2}>
          <Button
            variant="subtle"
            size="compact-xs"
            leftSection={<IconPencil size={14} aria-hidden="true" />}
            onClick={() => setMode('edit')}
            aria-label={t('itineraryEditor.editNamed', { subject: s.subject })}
          >
            {t('common.edit')}
          </Button>
          <Button
            variant="subtle"
            size="compact-xs"
            leftSection={<IconChecklist size={14} aria-hidden="true" />}
            onClick={() => setMode(mode === 'followUp' ? 'view' : 'followUp')}
            aria-label={t('itineraryEditor.addFollowUpNamed', { subject: s.subject })}
            aria-expanded={mode === 'followUp'}
          >
            {t('itineraryEditor.addFollowUp')}
          </Button>
          {s.status !== 'cancelled' && (
            <Button
              variant="subtle"
              color="red"
              size="compact-xs"
              leftSection={<IconBan size={14} aria-hidden="true" />}
              onClick={() => setConfirming(true)}
              aria-label={t('itineraryEditor.cancelNamed', { subject: s.subject })}
            >
              {t('itineraryEditor.cancelSession')}
            </Button>
          )}
        </Group>
      )}
      {mode === 'followUp' && <FollowUpForm interactionId={s.id} visitId={visit.id} subject={s.subject} onDone={() => setMode('view')} />}
      <ConfirmDialog
        opened={confirming}
        title={t('itineraryEditor.cancelTitle')}
        message={t('itineraryEditor.cancelText', { subject: s.subject })}
        confirmLabel={t('itineraryEditor.cancelSession')}
        onClose={() => {
          setConfirming(false);
          update.reset();
        }}
        loading={update.isPending}
        error={update.error}
        onConfirm={() =>
          update.mutate(
            { id: s.id, version: s.version, patch: { status: 'cancelled' } },
            {
              onSuccess: () => {
                setConfirming(false);
                notify.success(t('itineraryEditor.cancelled', { subject: s.subject }));
              },
            },
          )
        }
      />
    </Stack>
  );
}

function SessionTitle({ s, time }: { s: Session; time: Intl.DateTimeFormat }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }}>
        {time.format(new Date(s.starts_at))}
        {s.ends_at ? ` – ${time.format(new Date(s.ends_at))}` : ''}
      </Text>
      <Badge size="sm" variant="light" tt="none">
        {t(`interaction.kinds.${s.kind}`)}
      </Badge>
      <Anchor component={Link} to={`/interactions/${s.id}`} size="sm" fw={600}>
        <bdi>{s.subject}</bdi>
      </Anchor>
      {s.status !== 'held' && (
        <Badge size="sm" variant="outline" color="gray" tt="none">
          {t(`interaction.statuses.${s.status}`)}
        </Badge>
      )}
    </Group>
  );
}

function SessionBody({ s }: { s: Session }) {
  const { t } = useTranslation();
  const place = [s.location, s.city].filter(Boolean).join(t('common.separator'));
  return (
    <Stack gap={4} mt={4}>
      {s.restricted && (
        <Group>
          <RestrictedBadge />
        </Group>
      )}
      {place && (
        <Group gap={4} wrap="nowrap">
          <IconMapPin size={14} aria-hidden="true" />
          <Text size="xs" c="dimmed">
            <bdi>{place}</bdi>
          </Text>
        </Group>
      )}
      {s.participants.length > 0 && (
        <Group gap={6} wrap="wrap">
          <Text size="xs" c="dimmed">
            {t('visit.counterparts')}
          </Text>
          {s.participants.map((p, i) => (
            <ParticipantName key={i} p={p} />
          ))}
        </Group>
      )}
      {s.summary && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          <bdi>{s.summary}</bdi>
        </Text>
      )}
    </Stack>
  );
}
