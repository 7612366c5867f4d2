import type { ListTotal } from '../../hooks/list';

/**
 * A list's total as text: the count in the UI language's digits, with a "+"
 * when the server stopped counting there ("10,000+"), as it cannot know how
 * many more there are.
 */
export function totalText(total: ListTotal, formatNumber: (n: number) => string): string {
  return total.atLeast ? `${formatNumber(total.count)}+` : formatNumber(total.count);
}
