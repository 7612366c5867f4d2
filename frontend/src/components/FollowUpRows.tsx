import { ActionIcon, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { Segmented } from './segmented/Segmented';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DateField } from './dates/DateField';
import { OrganizationPicker, OwnerSelect } from './pickers';

export type FollowUpDirection = 'ours' | 'theirs' | 'joint';
export const FOLLOW_UP_DIRECTIONS: readonly FollowUpDirection[] = ['ours', 'theirs', 'joint'];

/** A follow-up commitment being written alongside an interaction. */
export interface FollowUpDraft {
  key: number;
  title: string;
  /** ISO date, '' for none, or typed text that is not a date yet (DateField). */
  due_date: string;
  direction?: FollowUpDirection;
  /** The organization it is owed to or by; undefined: the meeting's first organization. */
  counterpart_organization_id?: number | null;
  /** The user who follows it up; undefined: me. */
  owner_id?: number | null;
}

export type FollowUpField = 'title' | 'due_date' | 'direction' | 'counterpart_organization_id' | 'owner_id';

/** What the full rows (the quick log) need to show their defaults. */
export interface FollowUpContext {
  /** The meeting's first organization: every follow-up's counterpart unless changed. */
  defaultCounterpart: number | null;
  /** Me: the owner unless changed. */
  defaultOwner: number | null;
  /** Owners are users of this office. */
  officeId?: number;
}

/** The counterpart a row is saved with. */
export function counterpartOf(f: FollowUpDraft, context: Pick<FollowUpContext, 'defaultCounterpart'>): number | null {
  return f.counterpart_organization_id === undefined ? context.defaultCounterpart : f.counterpart_organization_id;
}

function nextKey(list: readonly FollowUpDraft[]) {
  return list.reduce((max, f) => Math.max(max, f.key), 0) + 1;
}

/**
 * The follow-up rows of an interaction form and "Add follow-up": the quick
 * log and the itinerary's session editor write follow-ups the same way.
 * With `context` (the quick log) each row also says who owes it (ours,
 * theirs, joint), to or by which organization, who follows it up. errorOf
 * gives an error for row i's field, if any.
 */
export function FollowUpRows({
  value,
  onChange,
  errorOf,
  context,
}: {
  value: FollowUpDraft[];
  onChange: (next: (list: FollowUpDraft[]) => FollowUpDraft[]) => void;
  errorOf?: (i: number, field: FollowUpField) => string | undefined;
  context?: FollowUpContext;
}) {
  const { t } = useTranslation();
  const update = (key: number, change: Partial<FollowUpDraft>) => onChange((list) => list.map((x) => (x.key === key ? { ...x, ...change } : x)));
  return (
    <>
      {value.map((f, i) => {
        const title = (
          <TextInput
            style={{ flex: 1, minWidth: 0 }}
            label={t('logInteraction.followUpTitle', { n: i + 1 })}
            value={f.title}
            dir="auto"
            onChange={(e) => update(f.key, { title: e.currentTarget.value })}
            error={errorOf?.(i, 'title')}
            data-autofocus={i === value.length - 1 || undefined}
          />
        );
        const due = (
          <DateField
            label={t('logInteraction.followUpDue', { n: i + 1 })}
            value={f.due_date}
            onChange={(v) => update(f.key, { due_date: v })}
            error={errorOf?.(i, 'due_date')}
          />
        );
        const remove = (
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            mb={context ? 0 : 2}
            onClick={() => onChange((list) => list.filter((x) => x.key !== f.key))}
            aria-label={t('logInteraction.removeFollowUp', { n: i + 1 })}
          >
            <IconTrash size={16} aria-hidden="true" />
          </ActionIcon>
        );
        if (!context) {
          return (
            <Group key={f.key} gap="xs" align="flex-end" wrap="nowrap">
              {title}
              {due}
              {remove}
            </Group>
          );
        }
        const direction = f.direction ?? 'ours';
        const directionLabel = t('quickLog.direction', { n: i + 1 });
        return (
          <Paper key={f.key} withBorder radius="md" p="xs" role="group" aria-label={t('logInteraction.followUpTitle', { n: i + 1 })}>
            <Stack gap="xs">
              <Group gap="xs" align="flex-end" wrap="nowrap">
                {title}
                {remove}
              </Group>
              <Stack gap={4}>
                <Text size="sm" fw={500} id={`follow-up-direction-${f.key}`}>
                  {directionLabel}
                </Text>
                <Segmented
                  aria-labelledby={`follow-up-direction-${f.key}`}
                  fullWidth
                  value={direction}
                  onChange={(direction) => update(f.key, { direction })}
                  data={FOLLOW_UP_DIRECTIONS.map((d) => ({ value: d, label: t(`commitment.directions.${d}`) }))}
                />
              </Stack>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                <OrganizationPicker
                  label={direction === 'ours' ? t('quickLog.owedTo', { n: i + 1 }) : direction === 'theirs' ? t('quickLog.owedBy', { n: i + 1 }) : t('quickLog.with', { n: i + 1 })}
                  value={counterpartOf(f, context)}
                  onChange={(id) => update(f.key, { counterpart_organization_id: id })}
                  error={errorOf?.(i, 'counterpart_organization_id')}
                />
                <OwnerSelect
                  label={t('quickLog.owner', { n: i + 1 })}
                  value={f.owner_id === undefined ? context.defaultOwner : f.owner_id}
                  onChange={(id) => update(f.key, { owner_id: id })}
                  officeId={context.officeId}
                  error={errorOf?.(i, 'owner_id')}
                />
                {due}
              </SimpleGrid>
            </Stack>
          </Paper>
        );
      })}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden="true" />}
          onClick={() => onChange((list) => [...list, { key: nextKey(list), title: '', due_date: '' }])}
        >
          {t('logInteraction.addFollowUp')}
        </Button>
      </Group>
    </>
  );
}
