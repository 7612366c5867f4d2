import type { TFunction } from 'i18next';
import type { DuplicateKind, DuplicateReason } from '../../hooks/duplicates';

/** The reasons of a match, translated and joined as a sentence fragment. */
export function reasonText(reasons: readonly DuplicateReason[], t: TFunction): string {
  return reasons.map((r) => t(`duplicates.reasons.${r}`)).join(t('common.separator'));
}

/** Where a record of a kind is shown. */
export function recordPath(kind: DuplicateKind, id: number): string {
  return `/${kind}/${id}`;
}
