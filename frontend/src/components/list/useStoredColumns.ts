import { useLocalStorage } from '@mantine/hooks';
import { useCallback, useMemo } from 'react';

/** A stored list of column ids, or null when what is stored is not one. */
function parse(raw: string | undefined): string[] | null {
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) && parsed.every((v) => typeof v === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Which optional columns a list shows, remembered on this browser
 * (`liaison.columns.<list>` in localStorage, kept in step across tabs).
 * Ids a list no longer offers are dropped; the list's order is kept.
 */
export function useStoredColumns(list: string, available: readonly string[], defaults: readonly string[]) {
  const [stored, setStored] = useLocalStorage<string[]>({
    key: `liaison.columns.${list}`,
    defaultValue: useMemo(() => [...defaults], [defaults]),
    // Read at once, so the table never flashes the default columns first.
    getInitialValueInEffect: false,
    deserialize: (raw) => parse(raw) ?? [...defaults],
  });
  const visible = useMemo(() => available.filter((id) => stored.includes(id)), [available, stored]);
  const update = useCallback((ids: string[]) => setStored(available.filter((id) => ids.includes(id))), [available, setStored]);
  return [visible, update] as const;
}
