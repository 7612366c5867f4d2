import { TextInput, type TextInputProps } from '@mantine/core';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A code of the authenticator app (six digits) or a recovery code (letters
 * too): the keyboard is numeric but any text is accepted. At sign-in it is
 * the second step, focused as soon as it appears; elsewhere (turning
 * two-factor sign-in on or off) the label and focus are the caller's.
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
