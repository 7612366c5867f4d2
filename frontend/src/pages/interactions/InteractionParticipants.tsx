import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBuilding, IconPencil, IconUser, IconUsers } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConflictDialog } from '../../components/ConflictDialog';
import { FormAlert } from '../../components/FormParts';
import { notify } from '../../components/notify';
import { contactLabel, employerOf, PartyPicker, partyKeyOf } from '../../components/quicklog/PartyPicker';
import { ParticipantRow } from '../../components/quicklog/ParticipantRow';
import { RestrictedBadge } from '../../components/RestrictedBadge';
import { useEditSession } from '../../components/useEditSession';
import { useFormat } from '../../components/useFormat';
import { useContact } from '../../hooks/contacts';
import { fetchInteraction, useUpdateInteraction, type InteractionRecord, type InteractionRole } from '../../hooks/interactions';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';
import { addParticipant, participantDrafts, participantsBody, type ParticipantDraft, type ParticipantsBody } from './interactionForm';
import { participantError } from '../../components/participantError';

type Participant = InteractionRecord['participants'][number];

/**
 * Who took part, organizations and people apart, each with their role; in
 * place, those who may edit add an organization or a person, change a role
 * or remove one, and save the list (with If-Match) in one go.
 */
export function InteractionParticipants({ interaction, canEdit }: { interaction: InteractionRecord; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="interaction-participants">
      <Group justify="space-between" mb="md" gap="xs">
        <Title order={2} size="h4" id="interaction-participants">
          {t('interactionPage.participants')}
        </Title>
        {canEdit && !editing && (
          <Button variant="light" size="xs" leftSection={<IconPencil size={14} aria-hidden="true" />} onClick={() => setEditing(true)}>
            {t('interactionPage.editParticipants')}
          </Button>
        )}
      </Group>
      {editing ? (
        <ParticipantsForm interaction={interaction} onDone={() => setEditing(false)} />
      ) : (
        <ParticipantsView participants={interaction.participants} />
      )}
    </Paper>
  );
}

function RoleBadge({ role }: { role: InteractionRole }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={role === 'host' ? 'grape' : role === 'participant' ? 'gray' : 'liaison'} tt="none" style={{ flexShrink: 0 }}>
      {t(`itineraryEditor.roles.${role}`)}
    </Badge>
  );
}

function ParticipantsView({ participants }: { participants: Participant[] }) {
  const { t } = useTranslation();
  const organizations = participants.filter((p) => p.organization_id);
  const people = participants.filter((p) => !p.organization_id);
  if (participants.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('interactionPage.noParticipants')}
      </Text>
    );
  }
  const group = (title: string, list: Participant[], Icon: typeof IconBuilding) =>
    list.length > 0 && (
      <Stack gap={6}>
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">
          {title}
        </Text>
        <Stack component="ul" gap={6} style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={title}>
          {list.map((p, i) => (
            <Group component="li" key={p.organization_id ? `o${p.organization_id}` : p.contact_id ? `c${p.contact_id}` : `h${i}`} gap="xs" wrap="nowrap" justify="space-between">
              <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                <Icon size={16} aria-hidden="true" style={{ flexShrink: 0 }} />
                {p.organization_id ? (
                  <Anchor component={Link} to={`/organizations/${p.organization_id}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    <bdi>{p.name}</bdi>
                  </Anchor>
                ) : p.contact_id ? (
                  <Anchor component={Link} to={`/contacts/${p.contact_id}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    <bdi>{p.name}</bdi>
                  </Anchor>
                ) : (
                  <Group gap={6}>
                    <Text size="sm" c="dimmed">
                      {t('interactionPage.hiddenPerson')}
                    </Text>
                    <RestrictedBadge size="xs" />
                  </Group>
                )}
              </Group>
              <RoleBadge role={p.role} />
            </Group>
          ))}
        </Stack>
      </Stack>
    );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
      {group(t('interactionPage.organizations'), organizations, IconBuilding)}
      {group(t('interactionPage.people'), people, IconUser)}
    </SimpleGrid>
  );
}

/** One editable participant: a person who already took part is looked up once. */
function ParticipantLine({
  row,
  ...line
}: {
  row: ParticipantDraft;
  error?: string;
  onRole: (role: InteractionRole) => void;
  onRemove: () => void;
}) {
  // A person picked here carries their organization.
  const contact = useContact(row.contact_id && row.employer_id === undefined ? row.contact_id : null);
  const name = row.name || (contact.data ? contactLabel(contact.data) : '…');
  const employer = row.employer_id ?? (contact.data ? employerOf(contact.data) : null);
  return <ParticipantRow name={name} organization={!!row.organization_id} employerId={employer} role={row.role} {...line} />;
}

function ParticipantsForm({ interaction, onDone }: { interaction: InteractionRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const update = useUpdateInteraction();
  const [rows, setRows] = useState<ParticipantDraft[]>(() => participantDrafts(interaction));
  const hidden = interaction.participants.filter((p) => !p.organization_id && !p.contact_id);
  const chosen = useMemo(() => new Set(rows.map(partyKeyOf)), [rows]);
  const firstOrganization = rows.find((r) => r.organization_id)?.organization_id ?? null;
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of interaction.participants) map.set(partyKeyOf(p), p.name ?? '');
    for (const r of rows) if (r.name) map.set(partyKeyOf(r), r.name);
    return map;
  }, [interaction.participants, rows]);
  const describeList = (value: unknown) =>
    ((value as ParticipantsBody['participants']) ?? [])
      .map((p) => `${names.get(partyKeyOf(p)) || partyKeyOf(p)} (${t(`itineraryEditor.roles.${p.role}`)})`)
      .join('; ');
  const session = useEditSession<InteractionRecord, ParticipantsBody>({
    record: interaction,
    toBody: (r) => participantsBody(participantDrafts(r)),
    fetchLatest: () => fetchInteraction(interaction.id),
    save: (version, patch) => update.mutateAsync({ id: interaction.id, version, patch }),
    describe: (_field, value) => ({ label: t('interactionPage.participants'), text: describeList(value) }),
  });
  const server = formErrors(session.error, t, ['participants'], ['participants']);
  const general = !session.error ? [] : server.otherErrors.length ? server.otherErrors : Object.keys(server.fieldErrors).length ? [] : [errorMessage(session.error, t)];
  const saved = (record: InteractionRecord) => {
    notify.success(t('interactionPage.participantsSaved', { subject: record.subject }));
    onDone();
  };
  const submit = async () => {
    const record = await session.submit(participantsBody(rows));
    if (record) saved(record);
  };

  return (
    <Stack gap="sm">
      <FormAlert title={t('interactionPage.saveFailed')} messages={general} />
      {rows.length > 0 ? (
        <Stack component="ul" gap={6} aria-labelledby="interaction-participants" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {rows.map((row, i) => (
            <ParticipantLine
              key={partyKeyOf(row)}
              row={row}
              error={participantError(server.fieldErrors, i)}
              onRole={(role) => setRows((list) => list.map((r, j) => (j === i ? { ...r, role } : r)))}
              onRemove={() => setRows((list) => list.filter((_, j) => j !== i))}
            />
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('interactionPage.noParticipants')}
        </Text>
      )}
      {hidden.length > 0 && (
        <Group gap={6}>
          <IconUsers size={16} aria-hidden="true" />
          <Text size="sm" c="dimmed">
            {t('interactionPage.hiddenPerson')} × {format.number(hidden.length)}
          </Text>
        </Group>
      )}
      <PartyPicker
        aria-label={t('interactionPage.addParticipant')}
        description={t('interactionPage.addParticipantHint')}
        chosen={chosen}
        defaultOrganization={firstOrganization}
        error={server.fieldErrors.participants}
        onPick={(party) => setRows((list) => addParticipant(list, party))}
      />
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => void submit()} loading={session.saving}>
          {t('interactionPage.saveParticipants')}
        </Button>
      </Group>
      <ConflictDialog
        opened={session.conflict}
        rows={session.conflictRows}
        changedBy={session.latest ? t('conflict.savedAt', { time: format.dateTime(session.latest.updated_at) }) : undefined}
        onClose={session.dismiss}
        onReload={() => {
          const latest = session.reload();
          if (latest) setRows(participantDrafts(latest));
        }}
        onReapply={async () => {
          const record = await session.reapply();
          if (record) saved(record);
        }}
        reapplying={session.saving}
      />
    </Stack>
  );
}
