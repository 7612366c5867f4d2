import { TextInput, type TextInputProps } from '@mantine/core';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The second step of a two-factor sign-in: a code of the authenticator app
 * (six digits) or a recovery code (letters too), so the keyboard is numeric
 * but any text is accepted. Focused as soon as it appears.
 */
export const OneTimeCodeField = forwardRef<HTMLInputElement, TextInputProps>(function OneTimeCodeField(props, ref) {
  const { t } = useTranslation();
  return (
    <TextInput
      ref={ref}
      label={t('twoFactor.signIn.code')}
      description={t('twoFactor.signIn.codeHint')}
      inputMode="numeric"
      autoComplete="one-time-code"
      autoCapitalize="off"
      spellCheck={false}
      dir="ltr"
      required
      autoFocus
      {...props}
    />
  );
});
