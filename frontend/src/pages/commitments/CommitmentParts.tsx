import { Anchor, Button, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canEditCommitment } from '../../auth/permissions';
import { useMe } from '../../hooks/auth';
import type { Commitment } from '../../hooks/commitments';
import { Denied } from './Denied';

type Names = { organization: (id: number | null | undefined) => string; contact: (id: number | null | undefined) => string };

/** Who a commitment is with, in words: "Ministry of Security · Adnan Hodžić"; '' for nobody. */
export function withWhomText(c: Pick<Commitment, 'counterpart_organization_id' | 'counterpart_contact_id'>, names: Names, separator = ' · '): string {
  return [names.organization(c.counterpart_organization_id), names.contact(c.counterpart_contact_id)].filter(Boolean).join(separator);
}

/**
 * The counterpart organization and person of a commitment, each isolated
 * for mixed-direction text; a dash when it is with nobody in particular.
 */
export function WithWhom({
  commitment: c,
  names,
  size = 'sm',
  links = false,
}: {
  commitment: Pick<Commitment, 'counterpart_organization_id' | 'counterpart_contact_id'>;
  names: Names;
  size?: 'xs' | 'sm';
  /** Names as links to the organization's and the person's pages. */
  links?: boolean;
}) {
  const org = names.organization(c.counterpart_organization_id);
  const person = names.contact(c.counterpart_contact_id);
  if (!org && !person) {
    return (
      <Text size={size} c="dimmed">
        —
      </Text>
    );
  }
  const part = (name: string, to: string) =>
    links ? (
      <Anchor component={Link} to={to} size={size}>
        <bdi>{name}</bdi>
      </Anchor>
    ) : (
      <bdi>{name}</bdi>
    );
  return (
    <Text size={size} component="span" data-testid="with-whom">
      {org && part(org, `/organizations/${c.counterpart_organization_id}`)}
      {org && person && ' · '}
      {person && part(person, `/contacts/${c.counterpart_contact_id}`)}
    </Text>
  );
}

/**
 * The row's Edit button: live for those who may correct the commitment,
 * shown disabled with the reason to officers of another office, and not
 * shown at all to viewers (nothing of it is theirs to use).
 */
export function EditCommitmentButton({ commitment: c, onEdit, size = 'compact-sm' }: { commitment: Commitment; onEdit: (c: Commitment) => void; size?: string }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const may = canEditCommitment(me, c);
  const label = t('commitmentEdit.editNamed', { title: c.title });
  const button = (describedBy?: string) => (
    <Button
      size={size}
      variant="default"
      leftSection={<IconPencil size={14} aria-hidden="true" />}
      aria-label={label}
      aria-describedby={describedBy}
      disabled={!may.allowed}
      onClick={() => onEdit(c)}
    >
      {t('common.edit')}
    </Button>
  );
  if (may.allowed) return button();
  if (may.reason === 'viewer' || may.reason === 'signedOut') return null;
  return <Denied reason={may.reason}>{(id) => button(id)}</Denied>;
}
