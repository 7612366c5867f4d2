import { Select, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/dates/DateField';
import { FormSection } from '../../components/FormParts';
import { consentOptions } from '../../components/options';
import { CONSENT_SOURCE_MAX, type ContactFormValues } from './contactForm';

/**
 * Why Liaison may keep this person's data, and the evidence of it: the
 * basis, when and how consent was given, and when it was withdrawn. A
 * withdrawal keeps the person off new meetings when the basis is consent.
 */
export function ConsentFields({ form }: { form: UseFormReturnType<ContactFormValues> }) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <FormSection title={t('personalData.consent.title')} description={t('personalData.consent.intro')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('contact.fields.consentBasis')}
          data={consentOptions(t)}
          clearable
          placeholder={t('common.notSet')}
          {...form.getInputProps('consent_basis')}
        />
        <DateField
          label={t('personalData.consent.date')}
          value={form.values.consent_date}
          onChange={(v) => form.setFieldValue('consent_date', v)}
          error={form.errors.consent_date}
          max={today}
        />
      </SimpleGrid>
      <TextInput
        label={t('personalData.consent.source')}
        description={t('personalData.consent.sourceHint')}
        maxLength={CONSENT_SOURCE_MAX}
        dir="auto"
        {...form.getInputProps('consent_source')}
      />
      <DateField
        label={t('personalData.consent.withdrawnAt')}
        description={t('personalData.consent.withdrawnHint')}
        value={form.values.consent_withdrawn_at}
        onChange={(v) => form.setFieldValue('consent_withdrawn_at', v)}
        error={form.errors.consent_withdrawn_at}
        max={today}
        w={{ base: '100%', sm: 'calc(50% - var(--mantine-spacing-md) / 2)' }}
      />
    </FormSection>
  );
}
