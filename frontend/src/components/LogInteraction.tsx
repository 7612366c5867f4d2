import { ActionIcon, Alert, Badge, Button, CloseButton, Group, Kbd, Modal, Paper, Select, Stack, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import type { components } from '../api/schema';
import { canCreate } from '../auth/permissions';
import { useMe } from '../hooks/auth';
import { useCreateInteraction } from '../hooks/interactions';
import { browserTimeZone, useVisit } from '../hooks/visits';
import { useContact } from '../hooks/contacts';
import { useOrganization } from '../hooks/organizations';
import { notify } from './notify';
import { FollowUpRows, type FollowUpDraft } from './FollowUpRows';
import { OrganizationPicker } from './pickers';
import { countryTimeZone, utcToZoned, zonedToUtc } from './visit/timeZones';

type InteractionCreate = components['schemas']['InteractionCreate'];
type Kind = InteractionCreate['kind'];
type ParticipantInput = NonNullable<InteractionCreate['participants']>[number];

const KINDS = ['meeting', 'call', 'email', 'message', 'reception', 'site_visit', 'workshop', 'event', 'other'] as const satisfies readonly Kind[];

/** What the page it was opened on says about the interaction. */
export function prefillFrom(pathname: string): { participants: ParticipantInput[]; visitId: number | null } {
  const org = matchPath('/organizations/:id', pathname) ?? matchPath('/organizations/:id/edit', pathname);
  const contact = matchPath('/contacts/:id', pathname) ?? matchPath('/contacts/:id/edit', pathname);
  const visit = matchPath('/visits/:id', pathname);
  const id = (m: { params: { id?: string } } | null) => (m && /^\d+$/.test(m.params.id ?? '') ? Number(m.params.id) : null);
  if (id(org)) return { participants: [{ organization_id: id(org)!, role: 'participant' }], visitId: null };
  if (id(contact)) return { participants: [{ contact_id: id(contact)!, role: 'participant' }], visitId: null };
  return { participants: [], visitId: id(visit) };
}

/** Now, to the minute, in the form `<input type="datetime-local">` uses. */
function localNow() {
  const now = new Date();
  now.setSeconds(0, 0);
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

/** The header's "Log interaction" button and its keyboard shortcut (L). */
export function LogInteractionButton() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [opened, { open, close }] = useDisclosure(false);
  const allowed = canCreate(me);
  useHotkeys([['L', () => allowed && open()]]);
  if (!allowed) return null;
  return (
    <>
      <Button
        leftSection={<IconPlus size={16} aria-hidden="true" />}
        rightSection={<Kbd size="xs" visibleFrom="md">L</Kbd>}
        onClick={open}
        size="sm"
        aria-keyshortcuts="L"
        visibleFrom="sm"
      >
        {t('logInteraction.open')}
      </Button>
      {/* On a phone the header has room for an icon only; its name is the button's label. */}
      <Tooltip label={t('logInteraction.open')} hiddenFrom="sm">
        <ActionIcon size={36} radius="xl" variant="filled" onClick={open} aria-label={t('logInteraction.open')} aria-keyshortcuts="L" hiddenFrom="sm">
          <IconPlus size={18} aria-hidden="true" />
        </ActionIcon>
      </Tooltip>
      <Modal opened={opened} onClose={close} title={t('logInteraction.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        {opened && <LogInteractionForm onDone={close} />}
      </Modal>
    </>
  );
}

function ParticipantChip({ p, onRemove }: { p: ParticipantInput; onRemove: () => void }) {
  const { t } = useTranslation();
  const org = useOrganization(p.organization_id ?? null);
  const contact = useContact(p.contact_id ?? null);
  const name = org.data?.name ?? (contact.data ? [contact.data.given_name, contact.data.family_name].filter(Boolean).join(' ') : '…');
  return (
    <Badge
      size="lg"
      variant="light"
      tt="none"
      rightSection={<CloseButton size="xs" onClick={onRemove} aria-label={t('logInteraction.removeParticipant', { name })} />}
    >
      <bdi>{name}</bdi>
    </Badge>
  );
}

export function LogInteractionForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const [prefill] = useState(() => prefillFrom(location.pathname));
  const [kind, setKind] = useState<Kind>('meeting');
  const [subject, setSubject] = useState('');
  const [when, setWhen] = useState(localNow);
  const [summary, setSummary] = useState('');
  const [participants, setParticipants] = useState<ParticipantInput[]>(prefill.participants);
  const [followUps, setFollowUps] = useState<FollowUpDraft[]>([]);
  const [subjectError, setSubjectError] = useState('');
  // Logged from a visit, "when" is the host's wall clock, as on its itinerary.
  const visit = useVisit(prefill.visitId);
  const zone = prefill.visitId && visit.data ? countryTimeZone(visit.data.host_country_code, browserTimeZone()) : null;
  const [whenTouched, setWhenTouched] = useState(false);
  useEffect(() => {
    if (zone && !whenTouched) setWhen(utcToZoned(new Date().toISOString(), zone));
  }, [zone, whenTouched]);

  // Saved through the interactions hook, so that the timelines, lists and
  // review it touches are read again (hooks/invalidation.ts).
  const save = useCreateInteraction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!subject.trim()) {
      setSubjectError(t('logInteraction.subjectRequired'));
      return;
    }
    const startsAt = new Date((zone && zonedToUtc(when, zone)) || when);
    const body: InteractionCreate = {
      kind,
      subject: subject.trim(),
      summary,
      starts_at: Number.isNaN(startsAt.getTime()) ? new Date().toISOString() : startsAt.toISOString(),
      participants,
      ...(prefill.visitId ? { visit_id: prefill.visitId } : {}),
      commitments: followUps
        .filter((f) => f.title.trim())
        .map((f) => ({ title: f.title.trim(), due_date: f.due_date || null, ...(prefill.visitId ? { visit_id: prefill.visitId } : {}) })),
    };
    save.mutate(body, {
      onSuccess: () => {
        notify.success(t('logInteraction.saved'));
        onDone();
      },
    });
  };

  const error = save.error instanceof ApiError ? save.error : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {prefill.visitId && (
          <Text size="sm" c="dimmed">
            {t('logInteraction.partOfVisit')}
          </Text>
        )}
        <Group grow align="flex-start">
          <Select
            label={t('logInteraction.kind')}
            data={KINDS.map((value) => ({ value, label: t(`interaction.kinds.${value}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as Kind)}
            allowDeselect={false}
          />
          <TextInput
            label={t('logInteraction.when')}
            description={zone ? t('itineraryEditor.zoneNote', { zone }) : undefined}
            type="datetime-local"
            value={when}
            onChange={(e) => {
              setWhenTouched(true);
              setWhen(e.currentTarget.value);
            }}
            required
          />
        </Group>
        <TextInput
          label={t('logInteraction.subject')}
          value={subject}
          onChange={(e) => {
            setSubject(e.currentTarget.value);
            setSubjectError('');
          }}
          error={subjectError || undefined}
          required
          data-autofocus
        />
        <Stack gap={6}>
          <Text size="sm" fw={500} id="log-participants">
            {t('records.participants')}
          </Text>
          {participants.length > 0 && (
            <Group gap={6} aria-labelledby="log-participants" role="list">
              {participants.map((p, i) => (
                <span role="listitem" key={`${p.organization_id ?? ''}-${p.contact_id ?? ''}`}>
                  <ParticipantChip p={p} onRemove={() => setParticipants((list) => list.filter((_, j) => j !== i))} />
                </span>
              ))}
            </Group>
          )}
          <OrganizationPicker
            aria-label={t('logInteraction.addOrganization')}
            placeholder={t('logInteraction.addOrganization')}
            value={null}
            onChange={(id) => {
              if (id && !participants.some((p) => p.organization_id === id)) setParticipants((list) => [...list, { organization_id: id, role: 'participant' }]);
            }}
          />
        </Stack>
        <Textarea label={t('logInteraction.summary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} autosize minRows={3} maxRows={8} />
        <Paper withBorder radius="md" p="sm" component="fieldset" style={{ margin: 0 }}>
          <Title order={3} size="h6" component="legend" px={4}>
            {t('logInteraction.followUps')}
          </Title>
          <Stack gap="xs">
            {followUps.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('logInteraction.noFollowUps')}
              </Text>
            )}
            <FollowUpRows value={followUps} onChange={setFollowUps} />
          </Stack>
        </Paper>
        {save.isError && (
          <Alert color="red" title={error?.title ?? t('logInteraction.failed')}>
            {error?.errors.length ? error.errors.map((x) => x.message).join(' ') : (error?.detail ?? '')}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('logInteraction.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
