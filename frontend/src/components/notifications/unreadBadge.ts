/**
 * The server counts unread notifications up to 100 and stops: the badge
 * says "99+" beyond 99, as it cannot know how many more there are.
 */
export const MOST_SHOWN = 99;

/** The badge's text: the count in the UI language's digits, or "99+". */
export function unreadBadgeText(count: number, formatNumber: (n: number) => string): string {
  return count > MOST_SHOWN ? `${formatNumber(MOST_SHOWN)}+` : formatNumber(count);
}
