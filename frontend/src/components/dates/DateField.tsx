import { ActionIcon, TextInput, type TextInputProps } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../../i18n';
import { datePattern, formatDateText, isIsoDate, parseDateText, type Part } from './dateText';

export { isIsoDate } from './dateText';

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'min' | 'max'> & {
  /** ISO `YYYY-MM-DD`, or '' for no date. */
  value: string;
  /**
   * The ISO date once the text reads as one, '' when emptied, and the typed
   * text itself while it does not: a form can refuse to save it
   * (`dateFieldInvalid`) rather than save "no date".
   */
  onChange: (value: string) => void;
  min?: string;
  max?: string;
};

/** True when a DateField's value is typed text that is not a date. */
export function dateFieldInvalid(value: string | null | undefined): boolean {
  return !!value && !isIsoDate(value);
}

/**
 * A date typed in the UI language's own order (31.12.2026. in Bosnian), with
 * a calendar button for touch. Text that is not a date stays in the box and
 * is named as an error where the field is, never turned into "no date".
 */
export function DateField({ value, onChange, error, min, max, label, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  const pattern = useMemo(() => datePattern(intlLocale(i18n.resolvedLanguage ?? 'en', 'dates')), [i18n.resolvedLanguage]);
  const [text, setText] = useState(() => (isIsoDate(value) ? formatDateText(value, pattern) : value));
  const [blurred, setBlurred] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  // A new value from outside (a reset, a restored draft, the calendar) or a
  // new language rewrites the text; the field's own typing does not.
  useEffect(() => {
    setText((current) => {
      // The text already says this value (perhaps half-typed, as 16.12.20
      // on the way to 16.12.2026): leave it and the caret alone.
      const read = parseDateText(current, pattern);
      if (read === value || (read === null && current === value)) return current;
      return isIsoDate(value) ? formatDateText(value, pattern) : value;
    });
  }, [value, pattern]);

  const letters: Record<Part, string> = { day: t('dateField.dd'), month: t('dateField.mm'), year: t('dateField.yyyy') };
  const shape = pattern.order.map((p) => letters[p]).join(pattern.separator) + pattern.suffix;
  const parsed = parseDateText(text, pattern);
  let ownError: string | undefined;
  if (blurred && parsed === null) ownError = t('dateField.invalid', { shape });
  else if (blurred && parsed && min && parsed < min) ownError = t('dateField.tooEarly');
  else if (blurred && parsed && max && parsed > max) ownError = t('dateField.tooLate');

  return (
    <>
      <TextInput
        {...rest}
        label={label}
        value={text}
        placeholder={rest.placeholder ?? shape}
        inputMode="numeric"
        autoComplete="off"
        error={ownError ?? error}
        onChange={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          const read = parseDateText(next, pattern);
          onChange(read ?? next);
        }}
        onBlur={(e) => {
          setBlurred(true);
          if (parsed) setText(formatDateText(parsed, pattern));
          rest.onBlur?.(e);
        }}
        rightSectionPointerEvents="all"
        rightSection={
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('dateField.calendar', { label: typeof label === 'string' ? label : '' })}
            onClick={() => {
              const input = picker.current;
              if (!input) return;
              input.value = parsed || '';
              try {
                input.showPicker();
              } catch {
                input.focus();
              }
            }}
          >
            <IconCalendar size={16} aria-hidden="true" />
          </ActionIcon>
        }
      />
      <input
        ref={picker}
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        min={min}
        max={max}
        style={{ position: 'absolute', width: 1, height: 1, opacity: 0, pointerEvents: 'none' }}
        onChange={(e) => {
          const picked = e.currentTarget.value;
          if (!isIsoDate(picked)) return;
          setText(formatDateText(picked, pattern));
          setBlurred(true);
          onChange(picked);
        }}
      />
    </>
  );
}
