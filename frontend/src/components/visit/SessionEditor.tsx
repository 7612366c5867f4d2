import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConflictDialog } from '../ConflictDialog';
import { Field, memoField } from '../formFields';
import { FormAlert, focusFirstInvalid } from '../FormParts';
import { notify } from '../notify';
import { useEditSession } from '../useEditSession';
import { useFormat } from '../useFormat';
import { ParticipantPicker, partyKey, partyRow } from './ParticipantPicker';
import { ParticipantRows } from './ParticipantRows';
import { FollowUpRows, type FollowUpDraft } from '../FollowUpRows';
import { DateTimeField } from '../quicklog/DateTimeField';
import { utcToZoned, zonedToUtc } from './timeZones';
import {
  fetchInteraction,
  useCreateInteraction,
  useUpdateInteraction,
  type CreateInteractionInput,
  type InteractionPatch,
  type InteractionRecord,
  INTERACTION_ROLES,
  type InteractionRole,
} from '../../hooks/interactions';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';
import { participantError } from '../participantError';

export const SESSION_KINDS = ['meeting', 'call', 'email', 'message', 'reception', 'site_visit', 'workshop', 'event', 'other'] as const satisfies readonly InteractionRecord['kind'][];
export const SESSION_STATUSES = ['planned', 'held', 'cancelled'] as const satisfies readonly InteractionRecord['status'][];

export interface SessionParticipantRow {
  organization_id?: number;
  contact_id?: number;
  name: string;
  role: InteractionRole;
}

export interface SessionValues {
  kind: InteractionRecord['kind'];
  status: InteractionRecord['status'] | null;
  subject: string;
  starts: string;
  ends: string;
  city: string;
  location: string;
  summary: string;
  restricted: boolean;
  participants: SessionParticipantRow[];
}

/** Every field the editor changes, as the server stores it. */
export type SessionBody = Required<Pick<InteractionPatch, 'kind' | 'status' | 'subject' | 'starts_at' | 'ends_at' | 'city' | 'location' | 'summary' | 'restricted'>> & {
  participants: NonNullable<InteractionPatch['participants']>;
};

export function sessionToValues(s: InteractionRecord, zone: string): SessionValues {
  return {
    kind: s.kind,
    status: s.status,
    subject: s.subject,
    starts: utcToZoned(s.starts_at, zone),
    ends: utcToZoned(s.ends_at, zone),
    city: s.city,
    location: s.location,
    summary: s.summary,
    restricted: s.restricted,
    participants: s.participants
      .filter((p) => p.organization_id || p.contact_id)
      .map((p) => ({ ...(p.organization_id ? { organization_id: p.organization_id } : { contact_id: p.contact_id! }), name: p.name ?? '', role: p.role })),
  };
}

export function sessionValuesToBody(v: SessionValues, zone: string): SessionBody {
  return {
    kind: v.kind,
    status: v.status ?? 'planned',
    subject: v.subject.trim(),
    starts_at: zonedToUtc(v.starts, zone) ?? '',
    ends_at: v.ends ? zonedToUtc(v.ends, zone) : null,
    city: v.city.trim(),
    location: v.location.trim(),
    summary: v.summary.trim(),
    restricted: v.restricted,
    participants: v.participants.map((p) => ({ ...(p.organization_id ? { organization_id: p.organization_id } : { contact_id: p.contact_id! }), role: p.role })),
  };
}

const SESSION_FIELDS = ['kind', 'status', 'subject', 'starts_at', 'ends_at', 'city', 'location', 'summary', 'restricted', 'participants', 'commitments'];

/**
 * Adds a session to a visit's itinerary, or edits one, in place on the visit
 * page. Times are typed in the host country's clock (`zone`), whatever zone
 * the computer is in.
 */
export function SessionEditor({
  visit,
  session,
  zone,
  defaultDay,
  onDone,
}: {
  visit: { id: number; host_country_code: string | null; city: string; project_id: number | null };
  session?: InteractionRecord;
  zone: string;
  /** The day a new session starts on, `YYYY-MM-DD`. */
  defaultDay: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const create = useCreateInteraction();
  const update = useUpdateInteraction();
  const formRef = useRef<HTMLFormElement>(null);
  const editing = session !== undefined;
  const [values, setValues] = useState<SessionValues>(() =>
    session
      ? sessionToValues(session, zone)
      : {
          kind: 'meeting',
          status: null,
          subject: '',
          starts: `${defaultDay}T09:00`,
          ends: `${defaultDay}T10:00`,
          city: visit.city,
          location: '',
          summary: '',
          restricted: false,
          participants: [],
        },
  );
  const [followUps, setFollowUps] = useState<FollowUpDraft[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  /** Sets one field (to a value, or from its current one) and clears its own error. */
  const set = useCallback(<K extends keyof SessionValues>(key: K, value: SessionValues[K] | ((now: SessionValues[K]) => SessionValues[K])) => {
    setValues((v) => ({ ...v, [key]: typeof value === 'function' ? value(v[key]) : value }));
    setLocal((l) => (l[key] ? { ...l, [key]: '' } : l));
  }, []);
  // One handler per field for the editor's life: a key typed in one field draws that field again, not the editor's others.
  const on = useMemo(
    () => ({
      kind: (v: string | null) => v && set('kind', v as SessionValues['kind']),
      status: (v: string | null) => v && set('status', v as SessionValues['status']),
      subject: (e: ChangeEvent<HTMLInputElement>) => set('subject', e.currentTarget.value),
      starts: (v: string) => set('starts', v),
      ends: (v: string) => set('ends', v),
      city: (e: ChangeEvent<HTMLInputElement>) => set('city', e.currentTarget.value),
      location: (e: ChangeEvent<HTMLInputElement>) => set('location', e.currentTarget.value),
      summary: (e: ChangeEvent<HTMLTextAreaElement>) => set('summary', e.currentTarget.value),
      restricted: (e: ChangeEvent<HTMLInputElement>) => set('restricted', e.currentTarget.checked),
      participants: (next: (rows: SessionValues['participants']) => SessionValues['participants']) => set('participants', next),
    }),
    [set],
  );

  const labels: Record<keyof SessionBody, string> = {
    kind: t('itineraryEditor.kind'),
    status: t('itineraryEditor.status'),
    subject: t('itineraryEditor.subject'),
    starts_at: t('itineraryEditor.starts'),
    ends_at: t('itineraryEditor.ends'),
    city: t('itineraryEditor.city'),
    location: t('itineraryEditor.location'),
    summary: t('itineraryEditor.summary'),
    restricted: t('itineraryEditor.restricted'),
    participants: t('records.participants'),
  };
  const describe = (field: keyof SessionBody, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '';
    switch (field) {
      case 'kind':
        return t(`interaction.kinds.${value as InteractionRecord['kind']}`);
      case 'status':
        return t(`interaction.statuses.${value as InteractionRecord['status']}`);
      case 'starts_at':
      case 'ends_at':
        return utcToZoned(value as string, zone).replace('T', ' ');
      case 'restricted':
        return value ? t('common.yes') : t('common.no');
      case 'participants': {
        const names = new Map(values.participants.map((p) => [partyKey(p), p.name]));
        for (const p of session?.participants ?? []) names.set(partyKey(p), p.name ?? '');
        return (value as SessionBody['participants']).map((p) => names.get(partyKey(p)) || partyKey(p)).join('; ');
      }
      default:
        return String(value);
    }
  };
  const edit = useEditSession<InteractionRecord, SessionBody>({
    record: session,
    toBody: (s) => sessionValuesToBody(sessionToValues(s, zone), zone),
    fetchLatest: () => fetchInteraction(session!.id),
    save: (version, patch) => update.mutateAsync({ id: session!.id, version, patch }),
    describe: (field, value) => ({ label: labels[field], text: describe(field, value) }),
  });

  const serverError = editing ? edit.error : create.error;
  const server = useMemo(() => formErrors(serverError, t, SESSION_FIELDS, ['participants', 'commitments']), [serverError, t]);
  const fieldError = (key: string) => local[key] || server.fieldErrors[key] || undefined;
  const generalErrors = !serverError
    ? []
    : server.otherErrors.length
      ? server.otherErrors
      : Object.keys(server.fieldErrors).length
        ? []
        : [errorMessage(serverError, t)];
  const followUpError = useCallback((i: number, field: string) => server.fieldErrors[`commitments.${i}.${field}`], [server]);

  const finish = (message: string) => {
    notify.success(message);
    onDone();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!values.subject.trim()) problems.subject = t('itineraryEditor.subjectRequired');
    const starts = zonedToUtc(values.starts, zone);
    if (!starts) problems.starts = t('itineraryEditor.startRequired');
    const ends = values.ends ? zonedToUtc(values.ends, zone) : null;
    if (values.ends && !ends) problems.ends = t('itineraryEditor.badTime');
    if (starts && ends && ends < starts) problems.ends = t('itineraryEditor.endBeforeStart');
    setLocal(problems);
    if (Object.keys(problems).length) {
      focusFirstInvalid(formRef.current);
      return;
    }
    const body = sessionValuesToBody(values, zone);
    if (editing) {
      const saved = await edit.submit(body);
      if (saved) finish(t('itineraryEditor.saved', { subject: saved.subject }));
      else focusFirstInvalid(formRef.current);
      return;
    }
    const { status, ...rest } = body;
    const input: CreateInteractionInput = {
      ...rest,
      ...(values.status ? { status } : {}),
      ...(rest.ends_at ? {} : { ends_at: null }),
      country_code: visit.host_country_code ?? null,
      visit_id: visit.id,
      ...(visit.project_id ? { project_id: visit.project_id } : {}),
      commitments: followUps
        .filter((f) => f.title.trim())
        .map((f) => ({ title: f.title.trim(), due_date: f.due_date || null, visit_id: visit.id })),
    };
    create.mutate(input, {
      onSuccess: (saved) => finish(t('itineraryEditor.added', { subject: saved.subject })),
      onError: () => focusFirstInvalid(formRef.current),
    });
  };

  const heading = editing ? t('itineraryEditor.editTitle', { subject: session.subject }) : t('itineraryEditor.addTitle');
  return (
    <Paper withBorder radius="md" p="md" bg="var(--mantine-color-gray-0)">
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-label={heading}>
        <Stack gap="sm">
          <Group justify="space-between" gap="xs">
            <Title order={3} size="h5">
              {heading}
            </Title>
            <Text size="xs" c="dimmed">
              {t('itineraryEditor.zoneNote', { zone })}
            </Text>
          </Group>
          <FormAlert title={t('itineraryEditor.failed')} messages={generalErrors} />
          <SimpleGrid cols={{ base: 1, sm: editing ? 3 : 2 }}>
            <Field.Select
              label={labels.kind}
              data={SESSION_KINDS.map((value) => ({ value, label: t(`interaction.kinds.${value}`) }))}
              value={values.kind}
              onChange={on.kind}
              allowDeselect={false}
              error={fieldError('kind')}
            />
            {editing && (
              <Field.Select
                label={labels.status}
                data={SESSION_STATUSES.map((value) => ({ value, label: t(`interaction.statuses.${value}`) }))}
                value={values.status}
                onChange={on.status}
                allowDeselect={false}
                error={fieldError('status')}
              />
            )}
            <Field.Text
              label={labels.subject}
              value={values.subject}
              onChange={on.subject}
              error={fieldError('subject')}
              required
              data-autofocus
              autoFocus
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateTime
              label={t('itineraryEditor.startsIn', { zone })}
              value={values.starts}
              onChange={on.starts}
              error={fieldError('starts') || fieldError('starts_at')}
              required
            />
            <DateTime
              label={t('itineraryEditor.endsIn', { zone })}
              value={values.ends}
              onChange={on.ends}
              error={fieldError('ends') || fieldError('ends_at')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Field.Text label={labels.city} value={values.city} onChange={on.city} error={fieldError('city')} />
            <Field.Text
              label={labels.location}
              value={values.location}
              onChange={on.location}
              error={fieldError('location')}
            />
          </SimpleGrid>
          <SessionParticipants
            rows={values.participants}
            label={labels.participants}
            hostCountry={visit.host_country_code}
            fieldErrors={server.fieldErrors}
            update={on.participants}
          />
          <Field.Lines label={labels.summary} value={values.summary} onChange={on.summary} autosize minRows={2} maxRows={8} />
          <Field.Switch
            label={labels.restricted}
            description={t('itineraryEditor.restrictedHint')}
            checked={values.restricted}
            onChange={on.restricted}
          />
          {!editing && (
            <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
              <Text component="legend" size="sm" fw={500}>
                {t('logInteraction.followUps')}
              </Text>
              <FollowUps
                value={followUps}
                onChange={setFollowUps}
                errorOf={followUpError}
              />
            </Stack>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={editing ? edit.saving : create.isPending}>
              {editing ? t('itineraryEditor.save') : t('itineraryEditor.add')}
            </Button>
          </Group>
        </Stack>
      </form>
      {editing && (
        <ConflictDialog
          opened={edit.conflict}
          rows={edit.conflictRows}
          changedBy={edit.latest ? t('conflict.savedAt', { time: format.dateTime(edit.latest.updated_at) }) : undefined}
          onClose={edit.dismiss}
          onReload={() => {
            const latest = edit.reload();
            if (latest) setValues(sessionToValues(latest, zone));
          }}
          onReapply={async () => {
            const saved = await edit.reapply();
            if (saved) finish(t('itineraryEditor.saved', { subject: saved.subject }));
          }}
          reapplying={edit.saving}
        />
      )}
    </Paper>
  );
}

const DateTime = memoField(DateTimeField);
const FollowUps = memoField(FollowUpRows);

/**
 * Who takes part in the session, each with their role, and the picker that
 * adds one. Drawn again when the participants or their errors change, not on
 * each key typed elsewhere in the editor.
 */
const SessionParticipants = memoField(function SessionParticipants({
  rows,
  label,
  hostCountry,
  fieldErrors,
  update,
}: {
  rows: SessionValues['participants'];
  label: string;
  hostCountry: string | null;
  fieldErrors: Record<string, string>;
  update: (next: (rows: SessionValues['participants']) => SessionValues['participants']) => void;
}) {
  const { t } = useTranslation();
  const chosen = useMemo(() => new Set(rows.map(partyKey)), [rows]);
  const roles = INTERACTION_ROLES.map((value) => ({ value, label: t(`itineraryEditor.roles.${value}`) }));
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <ParticipantRows
        rows={rows}
        label={label}
        empty={t('itineraryEditor.noParticipants')}
        errors={Object.fromEntries(rows.map((_, i) => [i, participantError(fieldErrors, i, { role: false })]))}
        onRemove={(i) => update((now) => now.filter((_, j) => j !== i))}
        selects={(row, i) => (
          <Field.Select
            label={t('itineraryEditor.role')}
            aria-label={t('itineraryEditor.roleOf', { name: row.name })}
            w={170}
            data={roles}
            value={row.role}
            onChange={(v) => v && update((now) => now.map((p, j) => (j === i ? { ...p, role: v as InteractionRole } : p)))}
            allowDeselect={false}
            error={fieldErrors[`participants.${i}.role`]}
          />
        )}
      />
      <ParticipantPicker
        aria-label={t('itineraryEditor.addParticipant')}
        placeholder={t('itineraryEditor.addParticipant')}
        chosen={chosen}
        defaultCountry={hostCountry}
        error={fieldErrors.participants}
        onPick={(party) =>
          update((now) => [
            ...now,
            { ...partyRow(party), role: 'participant' },
          ])
        }
      />
    </Stack>
  );
});
