import type { MappedOrganization } from '../../hooks/insights';

export const SCORES = [1, 2, 3, 4, 5] as const;

export type Quadrant = 'manageClosely' | 'keepSatisfied' | 'keepInformed' | 'monitor';

/** The quadrants in the order a reader works through them: the weightiest first. */
export const QUADRANTS: readonly Quadrant[] = ['manageClosely', 'keepSatisfied', 'keepInformed', 'monitor'];

/** 3 is the middle of the 1–5 scale and counts as high: a middling stakeholder still deserves attention. */
export function isHigh(score: number): boolean {
  return score >= 3;
}

/** Where influence and interest place an organization in the classic power/interest grid. */
export function quadrantOf(influence: number, interest: number): Quadrant {
  if (isHigh(influence)) return isHigh(interest) ? 'manageClosely' : 'keepSatisfied';
  return isHigh(interest) ? 'keepInformed' : 'monitor';
}

/**
 * The corner cell of each quadrant that carries its name: the outer corner,
 * so that the names sit at the four corners of the grid.
 */
export function quadrantLabelAt(influence: number, interest: number): Quadrant | null {
  if (influence === 5 && interest === 5) return 'manageClosely';
  if (influence === 5 && interest === 1) return 'keepSatisfied';
  if (influence === 1 && interest === 5) return 'keepInformed';
  if (influence === 1 && interest === 1) return 'monitor';
  return null;
}

/** Organizations by cell (`influence:interest`), each cell in the server's order (weightiest, then name). */
export function cellsOf(items: readonly MappedOrganization[]): Map<string, MappedOrganization[]> {
  const cells = new Map<string, MappedOrganization[]>();
  for (const item of items) {
    if (!SCORES.includes(item.influence as 1) || !SCORES.includes(item.interest as 1)) continue;
    const key = cellKey(item.influence, item.interest);
    const cell = cells.get(key);
    if (cell) cell.push(item);
    else cells.set(key, [item]);
  }
  return cells;
}

export function cellKey(influence: number, interest: number): string {
  return `${influence}:${interest}`;
}

/** A marker's size by how much is open with it: none, some (1–2), many (3 or more). */
export function markerSize(open: number): 'none' | 'some' | 'many' {
  if (open <= 0) return 'none';
  return open >= 3 ? 'many' : 'some';
}

/** The list view: by quadrant, weightiest first, then by name. */
export function byQuadrant(items: readonly MappedOrganization[], collator: Intl.Collator): { quadrant: Quadrant; items: MappedOrganization[] }[] {
  return QUADRANTS.map((quadrant) => ({
    quadrant,
    items: items
      .filter((o) => quadrantOf(o.influence, o.interest) === quadrant)
      .sort((a, b) => b.influence * b.interest - a.influence * a.interest || b.influence - a.influence || collator.compare(a.name, b.name)),
  })).filter((g) => g.items.length > 0);
}

/** The short text on a marker: the acronym, else the name. */
export function markerText(o: Pick<MappedOrganization, 'name' | 'acronym'>): string {
  return o.acronym.trim() || o.name;
}
