import { Anchor, Badge, Box, Breadcrumbs, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFileDownload, IconPrinter } from '@tabler/icons-react';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DetailList } from '../../components/DetailList';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { notify } from '../../components/notify';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useFormat } from '../../components/useFormat';
import { useSubjectExport, useDownloadSubjectExport, type SubjectExport } from '../../hooks/personalData';
import { errorMessage } from '../../i18n/errorMessage';
import { withdrawnDay } from '../contacts/contactForm';
import { SubjectHistory } from './SubjectHistory';
import classes from './SubjectExport.module.css';

/**
 * `/contacts/:id/subject-export`: everything held about a person, readable
 * in the reader's language and printable, to hand to the person who asked.
 * The same data as the JSON file (which can be downloaded from here too).
 */
export function SubjectExportPage() {
  const { id } = useParams();
  const contactId = Number(id);
  const { t } = useTranslation();
  const data = useSubjectExport(contactId);
  if (data.isPending) return <PageLoader />;
  if (data.isError) return <QueryError title={t('personalData.subjectExport.loadError')} error={data.error} onRetry={() => void data.refetch()} />;
  return <SubjectExportView data={data.data} />;
}

export function SubjectExportView({ data }: { data: SubjectExport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const download = useDownloadSubjectExport();
  const c = data.contact;
  const name = c.full_name || c.name_local;

  return (
    <Stack gap="lg" className={classes.page}>
      <Breadcrumbs separator="›" className={classes.noPrint}>
        <Anchor component={Link} to="/contacts" size="sm">
          {t('nav.contacts')}
        </Anchor>
        <Anchor component={Link} to={`/contacts/${c.id}`} size="sm">
          <bdi>{name}</bdi>
        </Anchor>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
            {t('personalData.subjectExport.title')}
          </Text>
          <Title order={1} size="h2">
            <bdi>{name}</bdi>
          </Title>
          <Text size="sm" c="dimmed">
            {t('personalData.subjectExport.exportedAt', { time: format.dateTime(data.exported_at) })}
          </Text>
        </Stack>
        <Group gap="sm" className={classes.noPrint}>
          <Button
            variant="default"
            leftSection={<IconFileDownload size={16} aria-hidden="true" />}
            loading={download.isPending}
            onClick={() =>
              download.mutate(c.id, {
                onSuccess: (file) => notify.success(t('export.done', { name: file })),
                onError: (error) => notify.warning(errorMessage(error, t)),
              })
            }
          >
            {t('personalData.subjectExport.download')}
          </Button>
          <Button leftSection={<IconPrinter size={16} aria-hidden="true" />} onClick={() => window.print()}>
            {t('personalData.subjectExport.print')}
          </Button>
        </Group>
      </Group>
      <Text size="sm">{t('personalData.subjectExport.intro')}</Text>

      <PersonSection data={data} />
      <ParticipationsSection data={data} />
      <CommitmentsSection data={data} />
      <NotesSection data={data} />
      <DocumentsSection data={data} />
      <Section title={t('personalData.subjectExport.history')} count={data.history.length}>
        <SubjectHistory events={data.history} />
      </Section>
    </Stack>
  );
}

/** A titled part of the export; with `count`, how many items it holds (and "None." when it holds none). */
function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="lg" p="lg" component="section" className={classes.section}>
      <Title order={2} size="h4" mb="sm">
        {title}
        {count !== undefined && (
          <Text span c="dimmed" size="sm" fw={500}>
            {' '}({count})
          </Text>
        )}
      </Title>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {t('personalData.subjectExport.none')}
        </Text>
      ) : (
        children
      )}
    </Paper>
  );
}

/** One item of a section: a line that says what it is, and the facts under it. */
function Entry({ title, facts }: { title: ReactNode; facts: (ReactNode | false | null | undefined)[] }) {
  const shown = facts.filter(Boolean);
  return (
    <Box component="li" className={classes.entry}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {shown.length > 0 && (
        <Text size="xs" c="dimmed">
          {shown.map((fact, i) => (
            <span key={i}>
              {i > 0 && ' · '}
              {fact}
            </span>
          ))}
        </Text>
      )}
    </Box>
  );
}

function EntryList({ children }: { children: ReactNode }) {
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {children}
    </Box>
  );
}

function PersonSection({ data }: { data: SubjectExport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const countries = useCountryOptions();
  const c = data.contact;
  const text = (value: string) => (value ? <bdi>{value}</bdi> : '');
  return (
    <Section title={t('personalData.subjectExport.person')}>
      <DetailList
        items={[
          { label: t('contact.fields.honorific'), value: text(c.honorific) },
          { label: t('contact.fields.givenName'), value: text(c.given_name) },
          { label: t('contact.fields.familyName'), value: text(c.family_name) },
          { label: t('contact.fields.nameLocal'), value: c.name_local ? <bdi dir="auto">{c.name_local}</bdi> : '' },
          { label: t('contact.fields.gender'), value: c.gender ? t(`contact.genders.${c.gender}`) : '' },
          { label: t('contact.fields.email'), value: c.email ? <span dir="ltr">{c.email}</span> : '' },
          { label: t('contact.fields.phone'), value: c.phone ? <span dir="ltr">{c.phone}</span> : '' },
          { label: t('contact.fields.languages'), value: c.languages.map(format.language).join(t('common.separator')) },
          { label: t('contact.fields.country'), value: text([c.city, countries.nameOf(c.country_code)].filter(Boolean).join(t('common.separator'))) },
          { label: t('contact.fields.consentBasis'), value: c.consent_basis ? t(`contact.consent.${c.consent_basis}`) : '' },
          { label: t('personalData.consent.date'), value: c.consent_date ? format.date(c.consent_date) : '' },
          { label: t('personalData.consent.source'), value: text(c.consent_source) },
          { label: t('personalData.consent.withdrawnAt'), value: c.consent_withdrawn_at ? format.date(withdrawnDay(c.consent_withdrawn_at)) : '' },
          { label: t('personalData.subjectExport.positions'), value: c.positions.map((p) => p.title).filter(Boolean).join('; '), wide: true },
          { label: t('contact.fields.notes'), value: c.notes ? <span dir="auto">{c.notes}</span> : '', wide: true },
          { label: t('personalData.subjectExport.recordSince'), value: format.dateTime(c.created_at) },
        ]}
      />
    </Section>
  );
}

function ParticipationsSection({ data }: { data: SubjectExport }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const sorted = useMemo(() => [...data.participations].sort((a, b) => b.when.localeCompare(a.when)), [data.participations]);
  // Roles are words of the kind of record (a visit's delegate, a meeting's speaker); an unknown one is shown as sent.
  const word = (key: string, value: string) => (i18n.exists(`${key}.${value}`) ? t(`${key}.${value}` as 'visit.roles.host') : value);
  return (
    <Section title={t('personalData.subjectExport.participations')} count={sorted.length}>
      <EntryList>
        {sorted.map((p) => (
          <Entry
            key={`${p.entity}-${p.id}`}
            title={
              <Anchor component={Link} to={p.entity === 'visit' ? `/visits/${p.id}` : `/interactions/${p.id}`} size="sm" fw={600} inherit>
                <bdi>{p.title}</bdi>
              </Anchor>
            }
            facts={[
              p.entity === 'visit' ? t('personalData.subjectExport.visit') : t('personalData.subjectExport.meeting'),
              p.when && (/^\d{4}-\d{2}-\d{2}$/.test(p.when) ? format.date(p.when) : format.dateTime(p.when)),
              p.role && word(p.entity === 'visit' ? 'visit.roles' : 'itineraryEditor.roles', p.role),
              p.side && word('visit.sides', p.side),
              p.archived && (
                <Badge component="span" size="xs" color="gray" variant="light" tt="none">
                  {t('personalData.subjectExport.archived')}
                </Badge>
              ),
            ]}
          />
        ))}
      </EntryList>
    </Section>
  );
}

function CommitmentsSection({ data }: { data: SubjectExport }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Section title={t('personalData.subjectExport.commitments')} count={data.commitments.length}>
      <EntryList>
        {data.commitments.map((c) => (
          <Entry
            key={c.id}
            title={<bdi>{c.title}</bdi>}
            facts={[t(`commitment.statuses.${c.status}`), c.due_date && t('personalData.subjectExport.due', { date: format.date(c.due_date) })]}
          />
        ))}
      </EntryList>
    </Section>
  );
}

function NotesSection({ data }: { data: SubjectExport }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Section title={t('personalData.subjectExport.notes')} count={data.notes.length}>
      <EntryList>
        {data.notes.map((n) => (
          <Entry key={n.id} title={<span dir="auto" style={{ whiteSpace: 'pre-wrap', fontWeight: 400 }}>{n.body}</span>} facts={[format.dateTime(n.created_at)]} />
        ))}
      </EntryList>
    </Section>
  );
}

function DocumentsSection({ data }: { data: SubjectExport }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Section title={t('personalData.subjectExport.documents')} count={data.documents.length}>
      <EntryList>
        {data.documents.map((d) => (
          <Entry key={d.id} title={<bdi>{d.name}</bdi>} facts={[format.dateTime(d.created_at), t('personalData.subjectExport.size', { n: format.number(Math.max(1, Math.round(d.size / 1024))) })]} />
        ))}
      </EntryList>
    </Section>
  );
}
