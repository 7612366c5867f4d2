import { ActionIcon, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconBuilding, IconTrash, IconUser } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ParticipantRow {
  organization_id?: number;
  contact_id?: number;
  name: string;
}

/** Moves item `from` one place up (-1) or down (+1); out of range leaves the list as it was. */
export function move<T>(list: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/**
 * The people and organizations taking part, one row each, with their selects
 * (side, role) and buttons to move a row up or down or remove it: ordering is
 * by button, never by dragging only.
 */
export function ParticipantRows<R extends ParticipantRow>({
  rows,
  label,
  empty,
  selects,
  onMove,
  onRemove,
  errors,
}: {
  rows: readonly R[];
  label: string;
  empty: string;
  selects: (row: R, index: number) => ReactNode;
  onMove?: (index: number, by: -1 | 1) => void;
  onRemove: (index: number) => void;
  /** A message for a row as a whole (`participants.2`), by index. */
  errors?: Record<number, string | undefined>;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Stack gap="xs" component="ol" aria-label={label} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {rows.map((row, i) => {
        const Icon = row.organization_id ? IconBuilding : IconUser;
        const kind = row.organization_id ? t('participantPicker.organization') : t('participantPicker.contact');
        const name = row.name || `#${row.organization_id ?? row.contact_id}`;
        return (
          <Paper key={`${row.organization_id ?? ''}-${row.contact_id ?? ''}`} component="li" withBorder radius="md" p="xs" aria-label={name}>
            <Group gap="sm" align="flex-end" wrap="wrap">
              <Group gap={8} wrap="nowrap" style={{ flex: '1 1 200px', minWidth: 0, alignSelf: 'center' }}>
                <Icon size={18} aria-hidden="true" style={{ flexShrink: 0 }} />
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} truncate>
                    <bdi>{name}</bdi>
                  </Text>
                  <Text size="xs" c="dimmed">
                    {kind}
                  </Text>
                  {errors?.[i] && (
                    <Text size="xs" c="red" role="alert">
                      {errors[i]}
                    </Text>
                  )}
                </Stack>
              </Group>
              {selects(row, i)}
              <Group gap={4} wrap="nowrap">
                {onMove && (
                  <>
                    <Tooltip label={t('participantPicker.moveUp', { name })}>
                      <ActionIcon variant="subtle" size="lg" disabled={i === 0} onClick={() => onMove(i, -1)} aria-label={t('participantPicker.moveUp', { name })}>
                        <IconArrowUp size={16} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('participantPicker.moveDown', { name })}>
                      <ActionIcon
                        variant="subtle"
                        size="lg"
                        disabled={i === rows.length - 1}
                        onClick={() => onMove(i, 1)}
                        aria-label={t('participantPicker.moveDown', { name })}
                      >
                        <IconArrowDown size={16} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                  </>
                )}
                <Tooltip label={t('participantPicker.remove', { name })}>
                  <ActionIcon variant="subtle" color="red" size="lg" onClick={() => onRemove(i)} aria-label={t('participantPicker.remove', { name })}>
                    <IconTrash size={16} aria-hidden="true" />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
