import { SimpleGrid } from '@mantine/core';
import type { FormErrors } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Field, type FormFields } from '../../components/formFields';
import { FormSection } from '../../components/FormParts';
import { consentOptions } from '../../components/options';
import { CONSENT_SOURCE_MAX, type ContactFormValues } from './contactForm';

/**
 * Why Liaison may keep this person's data, and the evidence of it: the
 * basis, when and how consent was given, and when it was withdrawn. A
 * withdrawal keeps the person off new meetings when the basis is consent.
 */
export function ConsentFields({ values, errors, fields }: { values: ContactFormValues; errors: FormErrors; fields: FormFields<ContactFormValues> }) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <FormSection title={t('personalData.consent.title')} description={t('personalData.consent.intro')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Field.Select
          label={t('contact.fields.consentBasis')}
          data={consentOptions(t)}
          clearable
          placeholder={t('common.notSet')}
          {...fields.input('consent_basis')}
        />
        <Field.Date
          label={t('personalData.consent.date')}
          value={values.consent_date}
          onChange={fields.set('consent_date')}
          error={errors.consent_date}
          max={today}
        />
      </SimpleGrid>
      <Field.Text
        label={t('personalData.consent.source')}
        description={t('personalData.consent.sourceHint')}
        maxLength={CONSENT_SOURCE_MAX}
        dir="auto"
        {...fields.input('consent_source')}
      />
      <Field.Date
        label={t('personalData.consent.withdrawnAt')}
        description={t('personalData.consent.withdrawnHint')}
        value={values.consent_withdrawn_at}
        onChange={fields.set('consent_withdrawn_at')}
        error={errors.consent_withdrawn_at}
        max={today}
        w={{ base: '100%', sm: 'calc(50% - var(--mantine-spacing-md) / 2)' }}
      />
    </FormSection>
  );
}
