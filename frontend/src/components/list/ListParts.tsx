import { Badge, Button, Collapse, EmptyState, Group, Paper, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { Segmented } from '../segmented/Segmented';
import { useDebouncedValue, useDisclosure, useId } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconCalculator, IconChevronDown, IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ListTotal } from '../../hooks/list';
import { useFormat } from '../useFormat';
import { totalText } from './totalText';
import { usePhone } from './usePhone';

/** A search box that updates the address once typing pauses. */
export function SearchField({ value, onChange, label, placeholder }: { value: string; onChange: (q: string) => void; label: string; placeholder?: string }) {
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    if (debounced.trim() !== value) onChange(debounced.trim());
    // Only a pause in typing sends the search.
  }, [debounced]);
  // Clearing the filters elsewhere empties the box too.
  useEffect(() => {
    if (value === '' && debounced.trim() !== '') setText('');
  }, [value]);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} aria-hidden="true" />}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      type="search"
    />
  );
}

/** Live or archived records. */
export function ArchivedSwitch({ archived, onChange }: { archived: boolean; onChange: (archived: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Segmented
      aria-label={t('list.status')}
      value={archived ? 'archived' : 'active'}
      onChange={(v) => onChange(v === 'archived')}
      data={[
        { value: 'active', label: t('list.active') },
        { value: 'archived', label: t('list.archived') },
      ]}
    />
  );
}

/**
 * "50 loaded" and, when asked for, how many match in all: counting is work
 * for the server, so it happens on demand. Past the server's bound the total
 * reads "10,000+", and the summary's name says in words that it is a lower
 * bound, its visible text first so that a voice user can say what they see.
 */
export function ListSummary({
  loaded,
  total,
  counting,
  onCount,
  noun,
}: {
  loaded: number;
  total: ListTotal | undefined;
  counting: boolean;
  onCount: () => void;
  noun: (count: number, shown: string) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const text =
    total !== undefined
      ? t('list.shownOfTotal', { shown: format.number(loaded), total: noun(total.count, totalText(total, format.number)) })
      : t('list.loaded', { count: loaded, shown: format.number(loaded) });
  const name = total?.atLeast ? t('list.totalAtLeast', { summary: text, shown: format.number(total.count) }) : undefined;
  return (
    <Group gap="sm">
      <Text size="sm" c="dimmed" role="status" aria-live="polite" aria-label={name}>
        {text}
      </Text>
      {total === undefined && (
        <Button variant="subtle" size="compact-sm" leftSection={<IconCalculator size={14} aria-hidden="true" />} onClick={onCount} loading={counting}>
          {t('list.count')}
        </Button>
      )}
    </Group>
  );
}

/** Address keys that arrange a list rather than narrow it: they do not count as filters. */
const NOT_FILTERS: ReadonlySet<string> = new Set(['sort', 'view', 'month', 'tab', 'archived']);

/** How many filters the address sets, for a panel not told. */
function useActiveFilters(): number {
  const [params] = useSearchParams();
  return new Set([...params.keys()].filter((key) => !NOT_FILTERS.has(key) && params.get(key))).size;
}

/**
 * A list's filters. On a desktop they are open, as a panel above the
 * results. On a phone they fold behind a "Filters" button that says how many
 * are set, so the first result shows without scrolling past them.
 */
export function FiltersPanel({ label, children, active }: { label: string; children: ReactNode; active?: number }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const [opened, { toggle }] = useDisclosure(false);
  // Folded, the filters are drawn only once first opened (and kept after):
  // a list's pickers are a good share of its first render on a phone, for
  // fields that most visits never open.
  const [wanted, setWanted] = useState(false);
  const fromAddress = useActiveFilters();
  const count = active ?? fromAddress;
  const id = useId();
  const panel = (
    <Paper withBorder radius="lg" p="md" component="section" aria-label={label} id={id}>
      {children}
    </Paper>
  );
  if (!phone) return panel;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button
          variant={count > 0 ? 'light' : 'default'}
          leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden="true" />}
          rightSection={
            <IconChevronDown size={14} aria-hidden="true" style={{ transform: opened ? 'rotate(180deg)' : undefined, transition: 'transform 150ms' }} />
          }
          onClick={() => {
            setWanted(true);
            toggle();
          }}
          aria-expanded={opened}
          aria-controls={id}
          data-testid="filters-toggle"
        >
          {t('listFilters.show')}
          {count > 0 && (
            <>
              <Badge size="sm" circle ms={6} aria-hidden="true" data-testid="filters-count">
                {count}
              </Badge>
              <VisuallyHidden>{t('listFilters.activeCount', { count })}</VisuallyHidden>
            </>
          )}
        </Button>
      </Group>
      <Collapse expanded={opened} keepMountedMode="display-none">
        {wanted ? panel : <div id={id} />}
      </Collapse>
    </Stack>
  );
}

export function NoMatches({ title, text, onClear }: { title: string; text: string; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="lg" py={48} px="md">
      <EmptyState icon={<IconFilterOff size={28} aria-hidden="true" />} title={title} description={text} withIndicatorBackground>
        <EmptyState.Actions>
          <Button variant="light" onClick={onClear}>
            {t('list.clearFilters')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Paper>
  );
}

export function LoadingNote({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <VisuallyHidden aria-live="polite">{active ? t('common.loading') : ''}</VisuallyHidden>;
}
