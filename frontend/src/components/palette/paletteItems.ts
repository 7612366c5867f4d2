import type { TFunction } from 'i18next';
import { canCreate, canReview, isAdmin } from '../../auth/permissions';
import { canReviewRetention } from '../../auth/personalData';
import type { User } from '../../hooks/auth';
import type { SearchHit, SearchKind } from '../../hooks/search';

export const KIND_ORDER: readonly SearchKind[] = ['organization', 'contact', 'visit', 'interaction', 'commitment'];

/** Where a hit leads: its page, or its list narrowed to it where a record has no page of its own. */
export function hitPath(hit: Pick<SearchHit, 'kind' | 'id' | 'title'>): string {
  switch (hit.kind) {
    case 'organization':
      return `/organizations/${hit.id}`;
    case 'contact':
      return `/contacts/${hit.id}`;
    case 'visit':
      return `/visits/${hit.id}`;
    case 'interaction':
      return `/interactions/${hit.id}`;
    default:
      return `/${hit.kind}s?q=${encodeURIComponent(hit.title)}`;
  }
}

/** A place the palette can take one to without searching. */
export interface PaletteAction {
  id: string;
  to: string;
  label: string;
  /** Extra words that find it ("new" finds the create actions). */
  keywords: string;
  kind: 'page' | 'create';
}

type Someone = Pick<User, 'role' | 'office_id'> | null | undefined;

const PAGES = [
  { id: 'dashboard', to: '/', page: 'nav.dashboard' },
  { id: 'organizations', to: '/organizations', page: 'nav.organizations' },
  { id: 'contacts', to: '/contacts', page: 'nav.contacts' },
  { id: 'visits', to: '/visits', page: 'nav.visits' },
  { id: 'interactions', to: '/interactions', page: 'nav.interactions' },
  { id: 'commitments', to: '/commitments', page: 'nav.commitments' },
  { id: 'review', to: '/review', page: 'nav.review', allowed: canReview },
  { id: 'duplicates', to: '/duplicates', page: 'nav.duplicates', allowed: canReview },
  { id: 'retention', to: '/retention', page: 'nav.retention', allowed: canReviewRetention },
  { id: 'map', to: '/map', page: 'nav.map' },
  { id: 'network', to: '/network', page: 'nav.network' },
  { id: 'reports', to: '/reports', page: 'nav.reports', allowed: canReview },
  { id: 'import', to: '/import', page: 'nav.import', allowed: canCreate },
  { id: 'admin', to: '/admin', page: 'nav.admin', allowed: isAdmin },
] as const satisfies readonly { id: string; to: string; page: string; allowed?: (me: Someone) => boolean }[];

const CREATES = [
  { id: 'new-organization', to: '/organizations/new', label: 'palette.actions.newOrganization' },
  { id: 'new-contact', to: '/contacts/new', label: 'palette.actions.newContact' },
  { id: 'new-visit', to: '/visits/new', label: 'palette.actions.newVisit' },
] as const;

/** The pages and create actions this person may use, in navigation order. */
export function paletteActions(t: TFunction, me: Someone): PaletteAction[] {
  const pages: PaletteAction[] = PAGES.filter((p) => !('allowed' in p) || p.allowed(me)).map((p) => ({
    id: p.id,
    to: p.to,
    label: t('palette.goTo', { page: t(p.page) }),
    keywords: t(p.page),
    kind: 'page',
  }));
  const creates: PaletteAction[] = canCreate(me)
    ? CREATES.map((c) => ({ id: c.id, to: c.to, label: t(c.label), keywords: t('palette.actions.newKeywords'), kind: 'create' }))
    : [];
  return [...pages, ...creates];
}

/**
 * Text folded for matching: lower case, without accents or Arabic vowel
 * marks, so "zenica" finds "Zenica" and "djakovic" finds "Đaković".
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'dj')
    .replace(/Đ/g, 'Dj')
    .replace(/[أإآ]/g, 'ا')
    .toLocaleLowerCase();
}

function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** True when every typed word starts a word of the action's label or keywords. */
export function actionMatches(action: PaletteAction, query: string): boolean {
  const typed = words(query);
  if (typed.length === 0) return true;
  const own = [...words(action.label), ...words(action.keywords)];
  return typed.every((w) => own.some((o) => o.startsWith(w)));
}

/** One row of the palette: a search hit or an action. */
export type PaletteItem = { type: 'hit'; key: string; hit: SearchHit; to: string } | { type: 'action'; key: string; action: PaletteAction; to: string };

export interface PaletteGroup {
  id: SearchKind | 'actions';
  items: PaletteItem[];
}

/**
 * The palette's rows: search hits grouped by kind in a fixed order (each kind
 * keeps the server's ranking), then the actions whose names match.
 */
export function paletteGroups(hits: readonly SearchHit[], actions: readonly PaletteAction[], query: string): PaletteGroup[] {
  const groups: PaletteGroup[] = KIND_ORDER.map((kind) => ({
    id: kind,
    items: hits.filter((h) => h.kind === kind).map((hit): PaletteItem => ({ type: 'hit', key: `${hit.kind}:${hit.id}`, hit, to: hitPath(hit) })),
  }));
  groups.push({
    id: 'actions',
    items: actions.filter((a) => actionMatches(a, query)).map((action): PaletteItem => ({ type: 'action', key: `action:${action.id}`, action, to: action.to })),
  });
  return groups.filter((g) => g.items.length > 0);
}

/** Splits text into runs, marking those that a typed word prefixes (accent-insensitively). */
export function highlight(text: string, query: string): { text: string; match: boolean }[] {
  const typed = words(query);
  if (typed.length === 0 || !text) return [{ text, match: false }];
  const out: { text: string; match: boolean }[] = [];
  // Word by word, so that folding never shifts positions within the original text.
  for (const part of text.split(/([\p{L}\p{N}\p{M}]+)/u)) {
    if (!part) continue;
    const folded = fold(part);
    const word = typed.find((w) => folded.startsWith(w));
    if (!word) {
      out.push({ text: part, match: false });
      continue;
    }
    // Count original characters until their folded form covers the typed word.
    let end = 0;
    while (end < part.length && fold(part.slice(0, end)).length < word.length) end++;
    // Keep combining marks with the letter they belong to.
    while (end < part.length && /\p{M}/u.test(part[end]!)) end++;
    out.push({ text: part.slice(0, end), match: true });
    if (end < part.length) out.push({ text: part.slice(end), match: false });
  }
  // Merge neighbours of the same kind.
  return out.reduce<{ text: string; match: boolean }[]>((acc, run) => {
    const last = acc[acc.length - 1];
    if (last && last.match === run.match) last.text += run.text;
    else acc.push({ ...run });
    return acc;
  }, []);
}
