import { useEffect, useRef, useState } from 'react';
import { useMe } from '../../hooks/auth';

/**
 * Drafts: what a form holds, kept in this browser's localStorage as it is
 * typed, so that a closed dialog, a reload, a crash or a lost connection
 * loses nothing. One draft per form and per record (`quicklog:organization:3`,
 * `form:contact:12`), and per user, so that a shared device does not show
 * one person's notes to the next.
 */

const PREFIX = 'liaison.draft.';

export interface Draft<T> {
  value: T;
  saved_at: string;
}

function storageKey(user: number, key: string) {
  return `${PREFIX}${user}.${key}`;
}

export function readDraft<T>(user: number, key: string): Draft<T> | null {
  try {
    const raw = window.localStorage.getItem(storageKey(user, key));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Draft<T>;
    return parsed && typeof parsed === 'object' && 'value' in parsed ? parsed : null;
  } catch {
    return null;
  }
}

export function writeDraft<T>(user: number, key: string, value: T): void {
  try {
    window.localStorage.setItem(storageKey(user, key), JSON.stringify({ value, saved_at: new Date().toISOString() } satisfies Draft<T>));
  } catch {
    // Storage full or unavailable (privacy mode): the form still works, without a draft.
  }
}

export function clearDraft(user: number, key: string): void {
  try {
    window.localStorage.removeItem(storageKey(user, key));
  } catch {
    // As above.
  }
}

/**
 * A form's draft: `restored` is the draft found when the form opened (or
 * null); while `dirty`, `value` is written on every change, and once the
 * form is back to where it started the draft is removed. `discard` forgets
 * it; `clear` is for after a save.
 */
export function useDraft<T>(key: string, value: T, dirty: boolean) {
  const { data: me } = useMe();
  const user = me?.id ?? 0;
  const [restored, setRestored] = useState<Draft<T> | null>(() => readDraft<T>(user, key));
  // The first render shows the form before the draft is put back into it: not a change to save.
  const settled = useRef(false);
  const stopped = useRef(false);

  useEffect(() => {
    if (!settled.current) {
      settled.current = true;
      if (restored) return;
    }
    if (stopped.current) return;
    if (dirty) writeDraft(user, key, value);
    else clearDraft(user, key);
  }, [user, key, value, dirty]);

  return {
    restored,
    /** Forget the draft and stop writing it (after a save, before leaving). */
    clear: () => {
      stopped.current = true;
      clearDraft(user, key);
      setRestored(null);
    },
    /** Drop the restored draft; the form is expected to go back to its start. */
    discard: () => {
      clearDraft(user, key);
      setRestored(null);
    },
    /** Hide the notice and keep the draft. */
    dismiss: () => setRestored(null),
  };
}
