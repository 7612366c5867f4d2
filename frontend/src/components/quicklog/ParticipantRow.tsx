import { ActionIcon, Group, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { IconBuilding, IconTrash, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { INTERACTION_ROLES, type InteractionRole } from '../../hooks/interactions';
import { OrganizationNameOf } from './PartyPicker';

/**
 * One participant of a meeting being written, in the quick log and on the
 * meeting's page alike: who (a person with the organization they work for),
 * the role they had, and a way to remove them. The caller knows the name;
 * the line only lays it out, so both places read the same.
 */
export function ParticipantRow({
  name,
  organization,
  employerId,
  role,
  error,
  onRole,
  onRemove,
}: {
  name: string;
  /** An organization rather than a person. */
  organization: boolean;
  /** A person's organization, named under them. */
  employerId?: number | null;
  role: InteractionRole;
  error?: string;
  onRole: (role: InteractionRole) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const Icon = organization ? IconBuilding : IconUser;
  return (
    <Paper component="li" withBorder radius="md" p="xs" aria-label={name}>
      <Group gap="xs" wrap="wrap" align="center">
        <Icon size={18} aria-hidden="true" style={{ flexShrink: 0 }} />
        <Stack gap={0} style={{ flex: '1 1 180px', minWidth: 0 }}>
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            <bdi>{name}</bdi>
          </Text>
          {!organization && employerId ? (
            <Text size="xs" c="dimmed" truncate>
              <OrganizationNameOf id={employerId} />
            </Text>
          ) : null}
          {error && (
            <Text size="xs" c="red" role="alert">
              {error}
            </Text>
          )}
        </Stack>
        <NativeSelect
          aria-label={t('quickLog.roleOf', { name })}
          size="xs"
          w={140}
          ms="auto"
          value={role}
          onChange={(e) => onRole(e.currentTarget.value as InteractionRole)}
          data={INTERACTION_ROLES.map((value) => ({ value, label: t(`itineraryEditor.roles.${value}`) }))}
        />
        <ActionIcon variant="subtle" color="red" size="lg" onClick={onRemove} aria-label={t('logInteraction.removeParticipant', { name })}>
          <IconTrash size={16} aria-hidden="true" />
        </ActionIcon>
      </Group>
    </Paper>
  );
}
