import { useCallback, useState } from 'react';

function read(key: string): string[] | null {
  try {
    const raw = window.localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) && parsed.every((v) => typeof v === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/** Which optional columns a list shows, remembered on this browser. */
export function useStoredColumns(list: string, available: readonly string[], defaults: readonly string[]) {
  const key = `liaison.columns.${list}`;
  const [visible, setVisible] = useState<string[]>(() => (read(key) ?? [...defaults]).filter((id) => available.includes(id)));
  const update = useCallback(
    (ids: string[]) => {
      const next = available.filter((id) => ids.includes(id));
      setVisible(next);
      try {
        window.localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Kept for this visit only.
      }
    },
    [available, key],
  );
  return [visible, update] as const;
}
