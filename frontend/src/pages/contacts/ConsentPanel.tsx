import { Alert, Badge, Paper, Title } from '@mantine/core';
import { IconEraser, IconHandOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../components/DetailList';
import { useFormat } from '../../components/useFormat';
import type { Contact } from '../../hooks/contacts';
import { withdrawnDay } from './contactForm';

/** Why the person's data is kept, and the evidence of their consent. */
export function ConsentPanel({ contact: c }: { contact: Contact }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="consent-title">
      <Title order={2} size="h4" mb="md" id="consent-title">
        {t('personalData.consent.title')}
      </Title>
      <DetailList
        items={[
          { label: t('contact.fields.consentBasis'), value: c.consent_basis ? t(`contact.consent.${c.consent_basis}`) : '' },
          { label: t('personalData.consent.date'), value: c.consent_date ? format.date(c.consent_date) : '' },
          { label: t('personalData.consent.source'), value: c.consent_source ? <span dir="auto">{c.consent_source}</span> : '', wide: true },
          ...(c.consent_withdrawn_at ? [{ label: t('personalData.consent.withdrawnAt'), value: format.date(withdrawnDay(c.consent_withdrawn_at)) }] : []),
        ]}
      />
    </Paper>
  );
}

/** True when the person withdrew consent that was the basis for keeping them. */
export function blocksNewMeetings(c: Contact): boolean {
  return !!c.consent_withdrawn_at && c.consent_basis === 'consent';
}

/** Said under the name when consent was withdrawn: with consent as the basis, nobody may add them to a new meeting. */
export function WithdrawnAlert({ contact: c }: { contact: Contact }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!c.consent_withdrawn_at) return null;
  const date = format.date(withdrawnDay(c.consent_withdrawn_at));
  return (
    <Alert color="orange" variant="light" icon={<IconHandOff aria-hidden="true" />} title={t('personalData.withdrawn.title')} role="status">
      {blocksNewMeetings(c) ? t('personalData.withdrawn.blocked', { date }) : t('personalData.withdrawn.otherBasis', { date })}
    </Alert>
  );
}

export function WithdrawnBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="orange" variant="light" size="lg" tt="none" leftSection={<IconHandOff size={14} aria-hidden="true" />}>
      {t('personalData.withdrawn.badge')}
    </Badge>
  );
}

export function ErasedBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="gray" variant="filled" size="lg" tt="none" leftSection={<IconEraser size={14} aria-hidden="true" />}>
      {t('personalData.erased.badge')}
    </Badge>
  );
}

/** What a tombstone is: the person's data is gone; the record stays so meetings keep their counts. */
export function ErasedNotice({ contact: c }: { contact: Contact }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Alert color="gray" variant="light" icon={<IconEraser aria-hidden="true" />} title={t('personalData.erased.title')} role="status">
      {t('personalData.erased.text', { date: format.date(c.erased_at) })}
    </Alert>
  );
}
