import { ActionIcon, Button, Group, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** A follow-up commitment being written alongside an interaction. */
export interface FollowUpDraft {
  key: number;
  title: string;
  due_date: string;
}

/**
 * The follow-up rows of an interaction form (title, due date, remove) and
 * "Add follow-up": the Log interaction dialog and the itinerary's session
 * editor write follow-ups the same way. errorOf gives a server error for
 * row i's field, if any.
 */
export function FollowUpRows({
  value,
  onChange,
  errorOf,
}: {
  value: FollowUpDraft[];
  onChange: (next: (list: FollowUpDraft[]) => FollowUpDraft[]) => void;
  errorOf?: (i: number, field: 'title' | 'due_date') => string | undefined;
}) {
  const { t } = useTranslation();
  const nextKey = useRef(1);
  const update = (key: number, change: Partial<FollowUpDraft>) => onChange((list) => list.map((x) => (x.key === key ? { ...x, ...change } : x)));
  return (
    <>
      {value.map((f, i) => (
        <Group key={f.key} gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t('logInteraction.followUpTitle', { n: i + 1 })}
            value={f.title}
            onChange={(e) => update(f.key, { title: e.currentTarget.value })}
            error={errorOf?.(i, 'title')}
            data-autofocus={i === value.length - 1 || undefined}
          />
          <TextInput
            type="date"
            label={t('logInteraction.followUpDue', { n: i + 1 })}
            value={f.due_date}
            onChange={(e) => update(f.key, { due_date: e.currentTarget.value })}
            error={errorOf?.(i, 'due_date')}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            mb={2}
            onClick={() => onChange((list) => list.filter((x) => x.key !== f.key))}
            aria-label={t('logInteraction.removeFollowUp', { n: i + 1 })}
          >
            <IconTrash size={16} aria-hidden="true" />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden="true" />}
          onClick={() => onChange((list) => [...list, { key: nextKey.current++, title: '', due_date: '' }])}
        >
          {t('logInteraction.addFollowUp')}
        </Button>
      </Group>
    </>
  );
}
