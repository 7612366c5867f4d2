import { Button, Divider, Stack } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SINGLE_SIGN_ON_PATH, type SignInOptions } from '../hooks/twoFactor';

/**
 * "Sign in with <provider>": a plain link, since single sign-on leaves the
 * app for the identity provider and comes back through the server.
 * Renders nothing unless the server offers single sign-on.
 */
export function SingleSignOnButton({ options, withDivider }: { options: SignInOptions | undefined; withDivider: boolean }) {
  const { t } = useTranslation();
  if (!options?.oidc) return null;
  return (
    <Stack gap="md" mb={withDivider ? 'md' : 0}>
      <Button
        component="a"
        href={SINGLE_SIGN_ON_PATH}
        variant="default"
        fullWidth
        size="md"
        leftSection={<IconKey size={18} aria-hidden="true" />}
      >
        {t('twoFactor.signIn.singleSignOn', { label: options.oidc_label })}
      </Button>
      {withDivider && <Divider label={t('twoFactor.signIn.or')} labelPosition="center" />}
    </Stack>
  );
}
