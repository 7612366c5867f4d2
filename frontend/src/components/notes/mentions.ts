/**
 * Mentions in a note's body. The app writes `@[Amra Hadžić](user:12)` when a
 * colleague is picked from the suggestions: the server stores the id, and the
 * label is what a reader sees. (A hand-typed `@amra.hadzic`, the part of a
 * colleague's email before the @, is a mention too; the server resolves it.)
 */

/** The form the app inserts and the renderer shows as a mention. */
export const MENTION_PATTERN = /@\[([^\]\n]{1,200})\]\(user:(\d{1,18})\)/g;

/** The token for a colleague: the label loses what would end it early. */
export function mentionToken(user: { id: number; name: string }): string {
  const label = user.name.replace(/[\]\n\r]/g, ' ').trim().slice(0, 200) || String(user.id);
  return `@[${label}](user:${user.id})`;
}

/**
 * The mention being typed at the caret: an @ at the start or after a space
 * or bracket, and the letters typed since. Null when the caret is not in one
 * (an email address like name@example.org is not).
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|[\s([{"'])@([\p{L}\p{N}._-]{0,40})$/u.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** Replaces the typed mention (from start to the caret) with the colleague's token and a space. */
export function insertMention(text: string, start: number, caret: number, user: { id: number; name: string }): { text: string; caret: number } {
  const token = `${mentionToken(user)} `;
  return { text: text.slice(0, start) + token + text.slice(caret), caret: start + token.length };
}

/** Whether a user fits what was typed after the @: any word of the name, or the email, starts with it. */
export function matchesMention(user: { name: string; email: string }, query: string): boolean {
  const q = fold(query);
  if (!q) return true;
  return fold(user.email).startsWith(q) || fold(user.name).split(/\s+/).some((word) => word.startsWith(q)) || fold(user.name).startsWith(q);
}

/** Lower case without accents: "Hadžić" matches "hadzic". */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
