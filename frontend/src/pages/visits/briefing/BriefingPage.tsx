import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconPrinter } from '@tabler/icons-react';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { DetailList } from '../../../components/DetailList';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { RestrictedBadge } from '../../../components/RestrictedBadge';
import { useCountryOptions } from '../../../components/useCountryOptions';
import { useFormat } from '../../../components/useFormat';
import { useBriefing, type Briefing } from '../../../hooks/briefing';
import { browserTimeZone } from '../../../hooks/visits';
import { intlLocale } from '../../../i18n';
import classes from './Briefing.module.css';

type Organization = Briefing['organizations'][number];
type Person = Briefing['people'][number];

/**
 * A visit's briefing pack: one page made for printing (A4, or "save as PDF"
 * from the browser's print dialog) in the reader's language. Days are cut,
 * and times read, in the zone the visit page passes (the host country's).
 */
export function BriefingPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const tz = search.get('tz') || browserTimeZone();
  const briefing = useBriefing(Number(id), tz);
  if (briefing.isPending) return <PageLoader />;
  if (briefing.isError) return <QueryError title={t('briefing.loadError')} error={briefing.error} onRetry={() => void briefing.refetch()} />;
  return <BriefingPack briefing={briefing.data} />;
}

function BriefingPack({ briefing: b }: { briefing: Briefing }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const countries = useCountryOptions();
  const rtl = i18n.dir() === 'rtl';
  const v = b.visit;
  const language = intlLocale(i18n.resolvedLanguage ?? 'en', 'dates');
  const time = useMemo(() => new Intl.DateTimeFormat(language, { timeStyle: 'short', timeZone: b.time_zone }), [language, b.time_zone]);
  const weekday = useMemo(() => new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }), [language]);
  const route = [countries.nameOf(v.origin_country_code), countries.nameOf(v.host_country_code)].filter(Boolean).join(' → ');
  const dates = v.start_date === v.end_date ? format.date(v.start_date) : `${format.date(v.start_date)} – ${format.date(v.end_date)}`;

  return (
    <Stack gap="lg" className={classes.page} data-briefing-page>
      <Group justify="space-between" gap="sm" className={classes.noPrint}>
        <Anchor component={Link} to={`/visits/${v.id}`} size="sm">
          <Group gap={4} wrap="nowrap">
            {rtl ? <IconArrowRight size={14} aria-hidden="true" /> : <IconArrowLeft size={14} aria-hidden="true" />}
            {t('briefing.back')}
          </Group>
        </Anchor>
        <Button leftSection={<IconPrinter size={16} aria-hidden="true" />} onClick={() => window.print()}>
          {t('briefing.print')}
        </Button>
      </Group>

      <Stack gap={4}>
        <Text size="sm" fw={600} c="dimmed" tt="uppercase" lts={0.3}>
          {t('briefing.title')}
        </Text>
        <Title order={1} size="h2">
          <bdi>{v.title}</bdi>
        </Title>
        <Text size="sm" c="dimmed">
          {t('briefing.prepared', { date: format.dateTime(new Date().toISOString()) })}
        </Text>
      </Stack>

      <Section title={t('briefing.keyFacts')}>
        <DetailList
          items={[
            { label: t('briefing.dates'), value: dates },
            { label: t('briefing.route'), value: route },
            { label: t('briefing.city'), value: v.city ? <bdi>{v.city}</bdi> : '' },
            { label: t('briefing.kind'), value: t(`visit.kinds.${v.kind}`) },
            { label: t('briefing.status'), value: t(`visit.statuses.${v.status}`) },
            { label: t('briefing.project'), value: b.project ? `${b.project.code} · ${b.project.name}` : '' },
            { label: t('briefing.purpose'), value: v.purpose ? <bdi className={classes.summary}>{v.purpose}</bdi> : '', wide: true },
          ]}
        />
      </Section>

      <Section title={t('briefing.itinerary')} note={t('briefing.timesIn', { zone: b.time_zone })}>
        {b.days.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('briefing.noItinerary')}
          </Text>
        ) : (
          <Stack gap="md">
            {b.days.map((day) => (
              <div key={day.date} className={classes.day}>
                <Title order={3} size="h5" mb={6}>
                  {weekday.format(new Date(`${day.date}T00:00:00Z`))}
                </Title>
                <Stack component="ul" gap={6} className={classes.list}>
                  {day.interactions.map((s) => (
                    <Group component="li" key={s.id} gap="sm" wrap="nowrap" align="flex-start">
                      <Text size="sm" fw={600} className={classes.time} dir="ltr">
                        {time.format(new Date(s.starts_at))}
                      </Text>
                      <Stack gap={0} miw={0}>
                        <Text size="sm" fw={600}>
                          <bdi>{s.subject}</bdi>
                          {s.status === 'cancelled' && ` · ${t('interaction.statuses.cancelled')}`}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {[t(`interaction.kinds.${s.kind}`), s.location, s.city].filter(Boolean).join(' · ')}
                        </Text>
                        {s.participants.some((p) => p.name) && (
                          <Text size="xs">
                            <bdi>{s.participants.flatMap((p) => (p.name ? [p.name] : [])).join(', ')}</bdi>
                          </Text>
                        )}
                      </Stack>
                    </Group>
                  ))}
                </Stack>
              </div>
            ))}
          </Stack>
        )}
      </Section>

      <Section title={t('briefing.people')}>
        {b.people.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('briefing.noPeople')}
          </Text>
        ) : (
          <Stack component="ul" gap="xs" className={classes.list}>
            {b.people.map((p, i) => (
              <PersonLine key={i} person={p} />
            ))}
          </Stack>
        )}
      </Section>

      <Section title={t('briefing.organizations')} className={classes.counterparts}>
        {b.organizations.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('briefing.noOrganizations')}
          </Text>
        ) : (
          <Stack gap="lg">
            {b.organizations.map((o) => (
              <OrganizationBlock key={o.id} organization={o} />
            ))}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}

function Section({ title, note, className, children }: { title: string; note?: string; className?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="lg" p="lg" component="section" className={`${classes.section} ${className ?? ''}`}>
      <Group justify="space-between" gap="xs" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {note && (
          <Text size="xs" c="dimmed">
            {note}
          </Text>
        )}
      </Group>
      {children}
    </Paper>
  );
}

function PersonLine({ person: p }: { person: Person }) {
  const { t } = useTranslation();
  const role = `${t(`visit.sides.${p.side}`)} · ${t(`visit.roles.${p.role}`)}`;
  return (
    <Stack component="li" gap={0} className={classes.person}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600}>
          {p.restricted ? t('briefing.protected') : <bdi>{p.name}</bdi>}
        </Text>
        {p.name_local && (
          <Text size="sm" c="dimmed">
            <bdi>{p.name_local}</bdi>
          </Text>
        )}
        {p.restricted && <RestrictedBadge />}
      </Group>
      {p.title || p.organization ? (
        <Text size="xs">
          <bdi>{p.title && p.organization ? t('briefing.position', { title: p.title, organization: p.organization }) : p.title || p.organization}</bdi>
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {role}
      </Text>
    </Stack>
  );
}

function OrganizationBlock({ organization: o }: { organization: Organization }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="xs" className={classes.organization}>
      <Title order={3} size="h5">
        <bdi>{o.name}</bdi>
      </Title>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {t('briefing.lastInteractions')}
      </Text>
      {o.last_interactions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('briefing.noInteractions')}
        </Text>
      ) : (
        <Stack component="ul" gap={6} className={classes.list}>
          {o.last_interactions.map((it) => (
            <Stack component="li" key={it.id} gap={0}>
              <Text size="sm">
                <Text span fw={600}>
                  {format.date(it.starts_at)}
                </Text>
                {' · '}
                <bdi>{it.subject}</bdi>
                {' · '}
                {t(`interaction.kinds.${it.kind}`)}
              </Text>
              {it.summary && (
                <Text size="xs" c="dimmed" lineClamp={3} className={classes.summary}>
                  <bdi>{it.summary}</bdi>
                </Text>
              )}
            </Stack>
          ))}
        </Stack>
      )}
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {t('briefing.openCommitments')}
      </Text>
      {o.open_commitments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('briefing.noCommitments')}
        </Text>
      ) : (
        <Stack component="ul" gap={4} className={classes.list}>
          {o.open_commitments.map((c) => (
            <Group component="li" key={c.id} gap={6} wrap="wrap">
              <Text size="sm">
                <bdi>{c.title}</bdi>
              </Text>
              <Text size="xs" c="dimmed">
                {t(`commitment.directions.${c.direction}`)} · {c.due_date ? t('briefing.due', { date: format.date(c.due_date) }) : t('briefing.noDue')}
              </Text>
              {c.overdue && (
                <Badge size="xs" color="red" variant="light" tt="none">
                  {t('briefing.overdue')}
                </Badge>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
