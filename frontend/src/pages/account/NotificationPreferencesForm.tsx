import { Alert, Button, Group, Radio, Select, Stack, Switch } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceDesktop, IconMailOff } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, FormSection, focusFirstInvalid } from '../../components/FormParts';
import { notify } from '../../components/notify';
import { intlLocale } from '../../i18n';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';
import { useUpdatePreferences, type Digest, type Preferences, type PreferencesPatch } from '../../hooks/preferences';
import { deviceTimeZone, timeZoneOptions } from './timeZones';

/** The settings a person may change (`email_available` is the server's to say). */
const FIELDS = ['digest', 'digest_hour', 'time_zone', 'email_on_assigned'] as const;
const DIGESTS: readonly Digest[] = ['off', 'daily', 'weekly'];
const DIGEST_LABELS = { off: 'digestOff', daily: 'digestDaily', weekly: 'digestWeekly' } as const satisfies Record<Digest, string>;

interface Values {
  digest: Digest;
  /** The Select's value: the hour as a string, "0" to "23". */
  digest_hour: string;
  time_zone: string;
  email_on_assigned: boolean;
}

function valuesOf(preferences: Preferences): Values {
  return {
    digest: preferences.digest,
    digest_hour: String(preferences.digest_hour),
    time_zone: preferences.time_zone,
    email_on_assigned: preferences.email_on_assigned,
  };
}

function patchOf(values: Values): PreferencesPatch {
  return { digest: values.digest, digest_hour: Number(values.digest_hour), time_zone: values.time_zone, email_on_assigned: values.email_on_assigned };
}

/** Latin text set apart from the sentence around it, so an Arabic sentence keeps its order (what <bdi> does in markup). */
function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}

/** The 24 whole hours, written as the UI language writes a time of day (00:00, ٠٧:٠٠). */
function useHourOptions() {
  const { i18n } = useTranslation();
  const ui = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const clock = new Intl.DateTimeFormat(intlLocale(ui, 'dates'), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
    return Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: clock.format(Date.UTC(2026, 0, 1, hour)) }));
  }, [ui]);
}

/**
 * My digest (off, daily, or weekly on Mondays; at which hour in which zone)
 * and whether an assignment is emailed to me. A server without email says
 * so: the choices are kept for when it has.
 */
export function NotificationPreferencesForm({ preferences }: { preferences: Preferences }) {
  const { t } = useTranslation();
  const update = useUpdatePreferences();
  const hours = useHourOptions();
  const device = deviceTimeZone();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(preferences),
    validate: { time_zone: (zone) => (zone ? null : t('preferences.timeZoneRequired')) },
  });
  const zones = useMemo(() => timeZoneOptions(preferences.time_zone, device), [preferences.time_zone, device]);

  useEffect(() => {
    if (!update.error) return;
    form.setErrors(formErrors(update.error, t, FIELDS).fieldErrors);
    focusFirstInvalid();
  }, [update.error]);
  const { otherErrors, fieldErrors } = formErrors(update.error, t, FIELDS);
  const general = !update.error ? [] : otherErrors.length ? otherErrors : Object.keys(fieldErrors).length ? [] : [errorMessage(update.error, t)];

  const submit = form.onSubmit(
    (values) =>
      update.mutate(patchOf(values), {
        onSuccess: (saved) => {
          form.setValues(valuesOf(saved));
          form.resetDirty(valuesOf(saved));
          notify.success(t('preferences.saved'));
        },
      }),
    () => focusFirstInvalid(),
  );

  return (
    <FormSection title={t('preferences.sectionTitle')} description={t('preferences.sectionDescription')}>
      <form noValidate onSubmit={submit}>
        <Stack gap="md" maw={520}>
          {!preferences.email_available && (
            <Alert color="blue" variant="light" role="note" icon={<IconMailOff aria-hidden="true" />} title={t('preferences.noEmailTitle')}>
              {t('preferences.noEmailText')}
            </Alert>
          )}
          <FormAlert title={t('preferences.saveFailed')} messages={general} />
          <Radio.Group label={t('preferences.digest')} description={t('preferences.digestWeeklyHint')} {...form.getInputProps('digest')}>
            <Group gap="lg" mt="xs">
              {DIGESTS.map((digest) => (
                <Radio key={digest} value={digest} label={t(`preferences.${DIGEST_LABELS[digest]}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Select
            label={t('preferences.hour')}
            description={t('preferences.hourHint')}
            data={hours}
            allowDeselect={false}
            disabled={form.values.digest === 'off'}
            maw={200}
            {...form.getInputProps('digest_hour')}
          />
          <Stack gap={4}>
            <Select
              label={t('preferences.timeZone')}
              placeholder={t('preferences.timeZonePlaceholder')}
              nothingFoundMessage={t('preferences.timeZoneNone')}
              data={zones}
              searchable
              allowDeselect={false}
              required
              dir="ltr"
              {...form.getInputProps('time_zone')}
            />
            {device && (
              <Group>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  leftSection={<IconDeviceDesktop size={14} aria-hidden="true" />}
                  disabled={form.values.time_zone === device}
                  onClick={() => form.setFieldValue('time_zone', device)}
                  // A long zone name wraps on a phone rather than running off the screen.
                  styles={{ root: { height: 'auto', minHeight: 26, paddingBlock: 3, maxWidth: '100%' }, label: { whiteSpace: 'normal', textAlign: 'start' } }}
                >
                  {t('preferences.useDeviceZone', { zone: isolated(device.replaceAll('_', ' ')) })}
                </Button>
              </Group>
            )}
          </Stack>
          <Switch label={t('preferences.emailOnAssigned')} {...form.getInputProps('email_on_assigned', { type: 'checkbox' })} />
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('preferences.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormSection>
  );
}
