import {
  Alert,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent, type Dispatch, type FormEvent, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, useLocation } from 'react-router';
import { newIdempotencyKey } from '../api/client';
import { useMe, type User } from '../hooks/auth';
import { useContact } from '../hooks/contacts';
import { useLogInteraction, type InteractionRole } from '../hooks/interactions';
import { useOrganization } from '../hooks/organizations';
import { browserTimeZone, useVisit } from '../hooks/visits';
import { errorMessage } from '../i18n/errorMessage';
import { formErrors } from '../i18n/serverMessages';
import { discardItem, type OutboxItem } from '../offline/outbox';
import { Field } from './formFields';
import { focusFirstInvalid } from './FormParts';
import { FollowUpRows } from './FollowUpRows';
import { notify } from './notify';
import { useDraft } from './quicklog/drafts';
import { DraftNotice } from './quicklog/DraftNotice';
import { ParticipantRow } from './quicklog/ParticipantRow';
import { contactLabel, employerOf, organizationLabel, PartyPicker, partyKeyOf } from './quicklog/PartyPicker';
import {
  KINDS,
  emptyValues,
  meetingOrganization,
  quickLogBody,
  validateQuickLog,
  type QuickLogValues,
  type QuickParticipant,
} from './quicklog/quickLogValues';
import { countryTimeZone, utcToZoned } from './visit/timeZones';
import { participantError } from './participantError';


/** What the page it was opened on says about the interaction. */
export function prefillFrom(pathname: string): { participants: { organization_id?: number; contact_id?: number; role: InteractionRole }[]; visitId: number | null } {
  const org = matchPath('/organizations/:id', pathname) ?? matchPath('/organizations/:id/edit', pathname);
  const contact = matchPath('/contacts/:id', pathname) ?? matchPath('/contacts/:id/edit', pathname);
  const visit = matchPath('/visits/:id', pathname);
  const id = (m: { params: { id?: string } } | null) => (m && /^\d+$/.test(m.params.id ?? '') ? Number(m.params.id) : null);
  if (id(org)) return { participants: [{ organization_id: id(org)!, role: 'participant' }], visitId: null };
  if (id(contact)) return { participants: [{ contact_id: id(contact)!, role: 'participant' }], visitId: null };
  return { participants: [], visitId: id(visit) };
}

/** The draft's name: one per page the log is opened from (an organization, a contact, a visit, elsewhere). */
function draftKeyOf(prefill: ReturnType<typeof prefillFrom>) {
  const first = prefill.participants[0];
  if (first?.organization_id) return `quicklog:organization:${first.organization_id}`;
  if (first?.contact_id) return `quicklog:contact:${first.contact_id}`;
  if (prefill.visitId) return `quicklog:visit:${prefill.visitId}`;
  return 'quicklog:any';
}

/** A participant's line: who, resolved by id when the name is not known yet. */
function QuickParticipantRow({
  participant: p,
  ...line
}: {
  participant: QuickParticipant;
  onRole: (role: InteractionRole) => void;
  onRemove: () => void;
  error?: string;
}) {
  const organization = useOrganization(p.name ? null : (p.organization_id ?? null));
  const contact = useContact(p.name ? null : (p.contact_id ?? null));
  const name = p.name || (organization.data ? organizationLabel(organization.data) : contact.data ? contactLabel(contact.data) : '…');
  const employer = p.employer_id ?? (contact.data ? employerOf(contact.data) : null);
  return <ParticipantRow name={name} organization={!!p.organization_id} employerId={employer} role={p.role} {...line} />;
}

const SERVER_FIELDS = ['kind', 'subject', 'summary', 'location', 'starts_at', 'restricted', 'participants', 'commitments'] as const;

/**
 * The quick log: who took part and as what, kind, when, where, what was
 * said, and what was promised (by whom, to whom, followed up by whom, by
 * when), saved in one request. Kept as a draft while typed; kept in the
 * outbox when the server cannot be reached. `from` opens an outbox item the
 * server refused, to correct it.
 */
export function LogInteractionForm({
  onDone,
  onCancel,
  onDirtyChange,
  from,
}: {
  onDone: () => void;
  onCancel?: () => void;
  onDirtyChange?: (dirty: boolean) => void;
  from?: OutboxItem;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: me } = useMe();
  const [prefill] = useState(() => prefillFrom(location.pathname));
  const [start, setStart] = useState<QuickLogValues>(() => (from?.form as QuickLogValues | undefined) ?? emptyValues(prefill.participants.map((p) => ({ ...p, name: '' }))));
  const [values, setValues] = useState<QuickLogValues>(start);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const dirty = useMemo(() => JSON.stringify(values) !== JSON.stringify(start), [values, start]);
  const draft = useDraft<QuickLogValues>(from ? `quicklog:outbox:${from.id}` : draftKeyOf(prefill), values, dirty);
  const formRef = useRef<HTMLFormElement>(null);
  const idempotency = useRef<{ body: string; key: string } | null>(null);
  const save = useLogInteraction();

  useEffect(() => {
    if (draft.restored) setValues(draft.restored.value);
    // Only what was there when the form opened is restored.
  }, []);
  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  // Logged from a visit, "when" is the host's wall clock, as on its itinerary.
  const visit = useVisit(prefill.visitId);
  const zone = prefill.visitId && visit.data ? countryTimeZone(visit.data.host_country_code, browserTimeZone()) : null;
  useEffect(() => {
    if (!zone || from || draft.restored) return;
    const [date = '', time = ''] = utcToZoned(new Date().toISOString(), zone).split('T');
    const moveClock = (v: QuickLogValues) => (v.date === start.date && v.time === start.time ? { ...v, date, time } : v);
    setStart(moveClock);
    setValues(moveClock);
    // Once, when the visit's zone is known.
  }, [zone]);

  const set: SetField = useCallback((key, value) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => (e[key] ? { ...e, [key]: '' } : e));
  }, []);
  // One handler per field for the form's life: a key typed in one field draws that field again, not the form's others.
  const on = useMemo(
    () => ({
      subject: (e: ChangeEvent<HTMLInputElement>) => set('subject', e.currentTarget.value),
      kind: (e: ChangeEvent<HTMLSelectElement>) => set('kind', e.currentTarget.value as QuickLogValues['kind']),
      date: (v: string) => set('date', v),
      time: (e: ChangeEvent<HTMLInputElement>) => set('time', e.currentTarget.value),
      location: (e: ChangeEvent<HTMLInputElement>) => set('location', e.currentTarget.value),
      summary: (e: ChangeEvent<HTMLTextAreaElement>) => set('summary', e.currentTarget.value),
      restricted: (e: ChangeEvent<HTMLInputElement>) => set('restricted', e.currentTarget.checked),
    }),
    [set],
  );
  const kinds = useMemo(() => KINDS.map((value) => ({ value, label: t(`interaction.kinds.${value}`) })), [t]);
  const meetingOrg = meetingOrganization(values);

  const server = useMemo(() => formErrors(save.error, t, SERVER_FIELDS, ['participants', 'commitments']), [save.error, t]);
  const generalErrors = !save.error ? [] : server.otherErrors.length ? server.otherErrors : Object.keys(server.fieldErrors).length ? [] : [errorMessage(save.error, t)];
  const fieldError = (key: string) => errors[key] || server.fieldErrors[key] || undefined;

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (save.isPending) return;
    const problems = validateQuickLog(values, t);
    setErrors(problems);
    if (Object.keys(problems).length) {
      focusFirstInvalid(formRef.current);
      return;
    }
    const body = quickLogBody(values, { zone, visitId: prefill.visitId, me: me?.id ?? null });
    // One key per request: a retry of the same request sends the same key; a changed request is a new one.
    const text = JSON.stringify(body);
    if (idempotency.current?.body !== text) idempotency.current = { body: text, key: newIdempotencyKey() };
    save.mutate(
      { body, idempotencyKey: idempotency.current.key, label: body.subject, form: values },
      {
        onSuccess: (result) => {
          draft.clear();
          if (from) void discardItem(from.id);
          if (result.queued) notify.warning(t('quickLog.queued'));
          else notify.success(t('logInteraction.saved'));
          onDone();
        },
        onError: () => focusFirstInvalid(formRef.current),
      },
    );
  };

  const cancel = onCancel ?? onDone;
  return (
    <form ref={formRef} onSubmit={submit} noValidate onKeyDown={getHotkeyHandler([['mod+Enter', () => submit()]])}>
      <Stack gap="sm">
        {draft.restored && (
          <DraftNotice
            savedAt={draft.restored.saved_at}
            onDiscard={() => {
              draft.discard();
              setValues(start);
              setErrors({});
              notify.success(t('quickLog.draftDiscarded'));
            }}
          />
        )}
        {prefill.visitId && (
          <Text size="sm" c="dimmed">
            {t('logInteraction.partOfVisit')}
          </Text>
        )}
        <Field.Text
          label={t('logInteraction.subject')}
          value={values.subject}
          dir="auto"
          onChange={on.subject}
          error={fieldError('subject')}
          required
          data-autofocus
        />
        <QuickParticipants participants={values.participants} fieldErrors={server.fieldErrors} meetingOrg={meetingOrg} set={set} setValues={setValues} />
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
          <Field.NativeSelect label={t('logInteraction.kind')} value={values.kind} onChange={on.kind} data={kinds} style={ONE_COLUMN} />
          <Field.Date
            label={t('quickLog.date')}
            description={zone ? t('itineraryEditor.zoneNote', { zone }) : undefined}
            value={values.date}
            onChange={on.date}
            error={fieldError('date') || fieldError('starts_at')}
            required
          />
          <Field.Text type="time" label={t('quickLog.time')} value={values.time} onChange={on.time} error={fieldError('time')} required />
        </SimpleGrid>
        <Field.Text
          label={t('quickLog.location')}
          placeholder={t('quickLog.locationPlaceholder')}
          value={values.location}
          dir="auto"
          onChange={on.location}
          error={fieldError('location')}
        />
        <Field.Lines
          label={t('logInteraction.summary')}
          value={values.summary}
          dir="auto"
          onChange={on.summary}
          error={fieldError('summary')}
          autosize
          minRows={3}
          maxRows={8}
        />
        <Field.Switch label={t('quickLog.restricted')} description={t('quickLog.restrictedHint')} color="red" checked={values.restricted} onChange={on.restricted} />
        <QuickFollowUps followUps={values.followUps} errors={errors} fieldErrors={server.fieldErrors} meetingOrg={meetingOrg} me={me} setValues={setValues} />
        {generalErrors.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} title={t('logInteraction.failed')} role="alert">
            <Stack gap="xs">
              {generalErrors.map((m) => (
                <Text key={m} size="sm">
                  {m}
                </Text>
              ))}
              <Group>
                <Button size="xs" variant="light" color="red" onClick={() => submit()} loading={save.isPending}>
                  {t('quickLog.retry')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <FormActions onCancel={cancel} saving={save.isPending} />
      </Stack>
    </form>
  );
}

type SetField = <K extends keyof QuickLogValues>(key: K, value: QuickLogValues[K]) => void;

const ONE_COLUMN = { gridColumn: 'span 1' };

/** Who took part, each with their role, and the picker that adds one. */
const QuickParticipants = memo(function QuickParticipants({
  participants,
  fieldErrors,
  meetingOrg,
  set,
  setValues,
}: {
  participants: QuickParticipant[];
  fieldErrors: Record<string, string>;
  meetingOrg: number | null;
  set: SetField;
  setValues: Dispatch<SetStateAction<QuickLogValues>>;
}) {
  const { t } = useTranslation();
  const chosen = useMemo(() => new Set(participants.map(partyKeyOf)), [participants]);
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id="quick-log-who">
        {t('quickLog.who')}
      </Text>
      {participants.length > 0 ? (
        <Stack component="ul" gap={6} aria-labelledby="quick-log-who" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {participants.map((p, i) => (
            <QuickParticipantRow
              key={partyKeyOf(p)}
              participant={p}
              error={participantError(fieldErrors, i)}
              onRole={(role) => set('participants', participants.map((x, j) => (j === i ? { ...x, role } : x)))}
              onRemove={() => set('participants', participants.filter((_, j) => j !== i))}
            />
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('quickLog.nobody')}
        </Text>
      )}
      <PartyPicker
        aria-label={t('participantPicker.label')}
        description={t('quickLog.whoHint')}
        chosen={chosen}
        defaultOrganization={meetingOrg}
        error={fieldErrors.participants}
        onPick={(party) => setValues((v) => ({ ...v, participants: [...v.participants, { ...party, role: 'participant' }] }))}
      />
    </Stack>
  );
});

/** The follow-ups promised at the meeting, with their errors from the form or the server. */
const QuickFollowUps = memo(function QuickFollowUps({
  followUps,
  errors,
  fieldErrors,
  meetingOrg,
  me,
  setValues,
}: {
  followUps: QuickLogValues['followUps'];
  errors: Record<string, string>;
  fieldErrors: Record<string, string>;
  meetingOrg: number | null;
  me: User | null | undefined;
  setValues: Dispatch<SetStateAction<QuickLogValues>>;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="sm" component="fieldset" style={{ margin: 0, minWidth: 0 }}>
      <Title order={3} size="h6" component="legend" px={4}>
        {t('logInteraction.followUps')}
      </Title>
      <Stack gap="xs">
        {followUps.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('logInteraction.noFollowUps')}
          </Text>
        )}
        <FollowUpRows
          value={followUps}
          onChange={(next) => setValues((v) => ({ ...v, followUps: next(v.followUps) }))}
          context={{ defaultCounterpart: meetingOrg, defaultOwner: me?.id ?? null, officeId: me?.office_id }}
          errorOf={(i, field) => errors[`followUps.${i}.${field}`] || fieldErrors[`commitments.${i}.${field}`]}
        />
      </Stack>
    </Paper>
  );
});

/** Cancel and Save, with the keyboard's shortcut for Save on wide screens. */
const FormActions = memo(function FormActions({ onCancel, saving }: { onCancel: () => void; saving: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" gap="sm" wrap="wrap">
      <Text size="xs" c="dimmed" visibleFrom="sm">
        {t('quickLog.saveHint')}
      </Text>
      <Group gap="sm" ms="auto">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={saving} aria-keyshortcuts="Control+Enter Meta+Enter">
          {t('logInteraction.save')}
        </Button>
      </Group>
    </Group>
  );
});
