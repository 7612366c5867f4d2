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
 * Forgets every draft of a user on this device: at sign-out, so that what
 * one person typed and did not save is not left in the browser's storage
 * of a shared phone or laptop for whoever opens it next.
 */
export function forgetDrafts(user: number): void {
  try {
    const mine = `${PREFIX}${user}.`;
    const keys: string[] = [];
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(mine)) keys.push(key);
    }
    for (const key of keys) window.localStorage.removeItem(key);
  } catch {
    // Storage unavailable: there is nothing kept to forget.
  }
}
