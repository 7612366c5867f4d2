import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../dates/DateField';

/** `YYYY-MM-DDTHH:MM` (or typed text in the date part) into its date and time. */
export function splitDateTime(value: string): { date: string; time: string } {
  const at = value.lastIndexOf('T');
  return at < 0 ? { date: value, time: '' } : { date: value.slice(0, at), time: value.slice(at + 1) };
}

/**
 * A date and a time as one `YYYY-MM-DDTHH:MM` value: the date through
 * DateField (typed in the UI language's order, kept when unreadable, so that
 * the form refuses it rather than losing it), the time in its own box.
 */
export function DateTimeField({
  label,
  value,
  onChange,
  error,
  required,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const { date, time } = splitDateTime(value);
  const join = (d: string, tm: string) => (d || tm ? `${d}T${tm}` : '');
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <DateField label={label} value={date} onChange={(d) => onChange(join(d, time))} error={error} required={required} style={{ flex: 1, minWidth: 0 }} />
      <TextInput
        type="time"
        label={t('quickLog.time')}
        aria-label={`${t('quickLog.time')} (${label})`}
        value={time}
        onChange={(e) => onChange(join(date, e.currentTarget.value))}
        required={required}
        w={130}
      />
    </Group>
  );
}
