/**
 * Where each list's first row starts on the page (its name and form:
 * "table Organizations"), kept in this browser: a list drawn again, in this
 * visit or the next, starts from it. Drawn from 0 instead, a list lays out
 * rows for the whole window before the next frame measures where it starts
 * and drops a third of them (on the desktop, 25 table rows drawn for 15).
 * The value is only a first guess, corrected in the next frame.
 */
const STORAGE_KEY = 'liaison.listOffsets';

let offsets: Record<string, number> | undefined;

function all(): Record<string, number> {
  if (offsets) return offsets;
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}');
    offsets = stored && typeof stored === 'object' ? (stored as Record<string, number>) : {};
  } catch {
    offsets = {};
  }
  return offsets;
}

export function listOffset(list: string): number {
  const offset = all()[list];
  return typeof offset === 'number' && Number.isFinite(offset) && offset >= 0 ? offset : 0;
}

export function rememberListOffset(list: string, offset: number) {
  const known = all();
  if (known[list] === offset) return;
  known[list] = offset;
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(known));
  } catch {
    // Storage can be unavailable (privacy mode): the offset is then kept for this visit only.
  }
}

/** For tests: forget what was read, so that the next read is from storage. */
export function forgetListOffsets() {
  offsets = undefined;
}
