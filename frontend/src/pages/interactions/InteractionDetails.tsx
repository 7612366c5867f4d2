import { Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConflictDialog } from '../../components/ConflictDialog';
import { DetailList } from '../../components/DetailList';
import { FormAlert, focusFirstInvalid } from '../../components/FormParts';
import { notify } from '../../components/notify';
import { CountrySelect } from '../../components/pickers';
import { DateTimeField } from '../../components/quicklog/DateTimeField';
import { TagList } from '../../components/TagList';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useEditSession } from '../../components/useEditSession';
import { useFormat } from '../../components/useFormat';
import { useOfficeName, useUserName } from '../../components/useNames';
import { utcToZoned } from '../../components/visit/timeZones';
import { fetchInteraction, useUpdateInteraction, type InteractionRecord } from '../../hooks/interactions';
import { useProject } from '../../hooks/projects';
import { useVisit } from '../../hooks/visits';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';
import { detailsBody, detailsValues, KINDS, STATUSES, validateDetails, type DetailsBody, type DetailsValues } from './interactionForm';
import { useZonedTime } from './useZonedTime';

const SERVER_FIELDS = ['kind', 'status', 'subject', 'starts_at', 'ends_at', 'country_code', 'city', 'location', 'summary', 'restricted'];

/** What the meeting was: kind, status, when (on its clock), where, which visit and project, and its summary; edited in place. */
export function InteractionDetails({ interaction, zone, canEdit }: { interaction: InteractionRecord; zone: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="interaction-about">
      <Group justify="space-between" mb="md" gap="xs">
        <Title order={2} size="h4" id="interaction-about">
          {t('interactionPage.about')}
        </Title>
        {canEdit && !editing && (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPencil size={14} aria-hidden="true" />}
            onClick={() => setEditing(true)}
          >
            {t('interactionPage.edit')}
          </Button>
        )}
      </Group>
      {editing ? <DetailsForm interaction={interaction} zone={zone} onDone={() => setEditing(false)} /> : <DetailsView interaction={interaction} zone={zone} />}
    </Paper>
  );
}

function DetailsView({ interaction: i, zone }: { interaction: InteractionRecord; zone: string }) {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  const userName = useUserName();
  const officeName = useOfficeName();
  const visit = useVisit(i.visit_id ?? null);
  const project = useProject(i.project_id);
  const when = useZonedTime(zone);
  const place = [i.location, i.city, countries.nameOf(i.country_code)].filter(Boolean).join(t('common.separator'));
  return (
    <DetailList
      items={[
        { label: t('interactionPage.fields.kind'), value: t(`interaction.kinds.${i.kind}`) },
        { label: t('interactionPage.fields.status'), value: t(`interaction.statuses.${i.status}`) },
        { label: t('interactionPage.fields.starts'), value: when(i.starts_at) },
        { label: t('interactionPage.fields.ends'), value: i.ends_at ? when(i.ends_at) : '' },
        { label: t('interactionPage.fields.place'), value: place ? <bdi>{place}</bdi> : '' },
        {
          label: t('interactionPage.fields.visit'),
          value: i.visit_id ? (
            <Anchor component={Link} to={`/visits/${i.visit_id}`} size="sm">
              <bdi>{visit.data?.title ?? `#${i.visit_id}`}</bdi>
            </Anchor>
          ) : (
            ''
          ),
        },
        { label: t('interactionPage.fields.project'), value: project.data ? `${project.data.code} — ${project.data.name}` : '' },
        { label: t('interactionPage.fields.owner'), value: userName(i.owner_id) },
        { label: t('interactionPage.fields.office'), value: officeName(i.office_id) },
        { label: t('interactionPage.fields.tags'), value: i.tags.length ? <TagList tags={i.tags} /> : '' },
        {
          label: t('interactionPage.fields.summary'),
          wide: true,
          value: i.summary ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} dir="auto" span>
              {i.summary}
            </Text>
          ) : (
            <Text size="sm" c="dimmed" span>
              {t('interactionPage.noSummary')}
            </Text>
          ),
        },
      ]}
    />
  );
}

/**
 * The details as a form in place of the list. Only what changed is sent,
 * with the version the form was opened at; a 412 shows their values beside
 * these (ConflictDialog) to reload or re-apply.
 */
function DetailsForm({ interaction, zone, onDone }: { interaction: InteractionRecord; zone: string; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const countries = useCountryOptions();
  const update = useUpdateInteraction();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<DetailsValues>(() => detailsValues(interaction, zone));
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = <K extends keyof DetailsValues>(key: K, value: DetailsValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setLocal((l) => (l[key] ? { ...l, [key]: '' } : l));
  };
  const labels: Record<keyof DetailsBody, string> = {
    kind: t('interactionPage.fields.kind'),
    status: t('interactionPage.fields.status'),
    subject: t('interactionPage.fields.subject'),
    starts_at: t('interactionPage.fields.starts'),
    ends_at: t('interactionPage.fields.ends'),
    country_code: t('interactionPage.fields.country'),
    city: t('interactionPage.fields.city'),
    location: t('interactionPage.fields.location'),
    summary: t('interactionPage.fields.summary'),
    restricted: t('interactionPage.fields.restricted'),
  };
  const describe = (field: keyof DetailsBody, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '';
    if (field === 'kind') return t(`interaction.kinds.${value as DetailsValues['kind']}`);
    if (field === 'status') return t(`interaction.statuses.${value as DetailsValues['status']}`);
    if (field === 'starts_at' || field === 'ends_at') return utcToZoned(value as string, zone).replace('T', ' ');
    if (field === 'restricted') return value ? t('common.yes') : t('common.no');
    if (field === 'country_code') return countries.nameOf(value as string) || String(value);
    return String(value);
  };
  const session = useEditSession<InteractionRecord, DetailsBody>({
    record: interaction,
    toBody: (r) => detailsBody(detailsValues(r, zone), zone),
    fetchLatest: () => fetchInteraction(interaction.id),
    save: (version, patch) => update.mutateAsync({ id: interaction.id, version, patch }),
    describe: (field, value) => ({ label: labels[field], text: describe(field, value) }),
  });
  const server = formErrors(session.error, t, SERVER_FIELDS);
  const fieldError = (key: string, serverKey = key) => local[key] || server.fieldErrors[serverKey] || undefined;
  const general = !session.error ? [] : server.otherErrors.length ? server.otherErrors : Object.keys(server.fieldErrors).length ? [] : [errorMessage(session.error, t)];

  const saved = (record: InteractionRecord) => {
    notify.success(t('interactionPage.saved', { subject: record.subject }));
    onDone();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = validateDetails(values, zone, t);
    setLocal(problems);
    if (Object.keys(problems).length) {
      focusFirstInvalid(formRef.current);
      return;
    }
    const record = await session.submit(detailsBody(values, zone));
    if (record) saved(record);
    else focusFirstInvalid(formRef.current);
  };

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby="interaction-about">
      <Stack gap="sm">
        <FormAlert title={t('interactionPage.saveFailed')} messages={general} />
        <TextInput
          label={labels.subject}
          value={values.subject}
          dir="auto"
          onChange={(e) => set('subject', e.currentTarget.value)}
          error={fieldError('subject')}
          required
          data-autofocus
          autoFocus
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={labels.kind}
            data={KINDS.map((value) => ({ value, label: t(`interaction.kinds.${value}`) }))}
            value={values.kind}
            onChange={(v) => v && set('kind', v as DetailsValues['kind'])}
            allowDeselect={false}
            error={fieldError('kind')}
          />
          <Select
            label={labels.status}
            data={STATUSES.map((value) => ({ value, label: t(`interaction.statuses.${value}`) }))}
            value={values.status}
            onChange={(v) => v && set('status', v as DetailsValues['status'])}
            allowDeselect={false}
            error={fieldError('status')}
          />
          <DateTimeField
            label={t('interactionPage.fields.startsIn', { zone })}
            value={values.starts}
            onChange={(v) => set('starts', v)}
            error={fieldError('starts', 'starts_at')}
            required
          />
          <DateTimeField
            label={t('interactionPage.fields.endsIn', { zone })}
            value={values.ends}
            onChange={(v) => set('ends', v)}
            error={fieldError('ends', 'ends_at')}
          />
          <CountrySelect
            label={labels.country_code}
            value={values.country_code}
            onChange={(code) => set('country_code', code)}
            error={fieldError('country_code')}
            clearable
          />
          <TextInput label={labels.city} value={values.city} dir="auto" onChange={(e) => set('city', e.currentTarget.value)} error={fieldError('city')} />
        </SimpleGrid>
        <TextInput
          label={labels.location}
          value={values.location}
          dir="auto"
          onChange={(e) => set('location', e.currentTarget.value)}
          error={fieldError('location')}
        />
        <Textarea
          label={labels.summary}
          value={values.summary}
          dir="auto"
          onChange={(e) => set('summary', e.currentTarget.value)}
          error={fieldError('summary')}
          autosize
          minRows={3}
          maxRows={12}
        />
        <Switch
          label={labels.restricted}
          description={t('interactionPage.restrictedHint')}
          color="red"
          checked={values.restricted}
          onChange={(e) => set('restricted', e.currentTarget.checked)}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={session.saving}>
            {t('interactionPage.save')}
          </Button>
        </Group>
      </Stack>
      <ConflictDialog
        opened={session.conflict}
        rows={session.conflictRows}
        changedBy={session.latest ? t('conflict.savedAt', { time: format.dateTime(session.latest.updated_at) }) : undefined}
        onClose={session.dismiss}
        onReload={() => {
          const latest = session.reload();
          if (latest) setValues(detailsValues(latest, zone));
        }}
        onReapply={async () => {
          const record = await session.reapply();
          if (record) saved(record);
        }}
        reapplying={session.saving}
      />
    </form>
  );
}
