import type { TFunction } from 'i18next';
import type { NetworkEdgeKind, Relationship, RelationshipKind } from '../../hooks/relationships';

/**
 * How a link reads from one of its organizations: "is funded by" from the
 * first, "funds" from the second. A hierarchy link (part_of) reads "is part of".
 */
export function linkWording(t: TFunction, kind: NetworkEdgeKind, fromThisEnd: boolean): string {
  if (kind === 'part_of') return t('network.partOf');
  return fromThisEnd ? t(`relationships.kinds.${kind}`) : t(`relationships.inverse.${kind}`);
}

/** A relationship seen from one organization: the wording and the organization at the other end. */
export function seenFrom(t: TFunction, r: Relationship, organizationId: number) {
  const fromThisEnd = r.from_organization_id === organizationId;
  return {
    wording: linkWording(t, r.kind, fromThisEnd),
    otherId: fromThisEnd ? r.to_organization_id : r.from_organization_id,
    otherName: fromThisEnd ? r.to_organization_name : r.from_organization_name,
  };
}

/** The kinds that read differently from their other end: only these can be chosen "backwards". */
export const ASYMMETRIC_KINDS: readonly RelationshipKind[] = ['funded_by', 'member_of', 'reports_to'];

/**
 * A choice of the relationship form: a kind, read from this organization
 * (`funded_by`) or from the other one (`funded_by~inverse`: "funds").
 */
export type KindChoice = RelationshipKind | `${RelationshipKind}~inverse`;

export function choiceOf(r: Relationship, organizationId: number): KindChoice {
  return r.from_organization_id === organizationId ? r.kind : `${r.kind}~inverse`;
}

export function splitChoice(choice: KindChoice): { kind: RelationshipKind; inverse: boolean } {
  const [kind, inverse] = choice.split('~') as [RelationshipKind, string | undefined];
  return { kind, inverse: inverse === 'inverse' };
}
