import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, serverFieldErrors } from '../../api/client';
import { LanguageMenu } from '../../components/LanguageMenu';
import { Logo } from '../../components/Logo';
import { safeNext } from '../../components/RequireAuth';
import { SingleSignOnButton } from '../../components/SingleSignOnButton';
import { signedInHereBefore, useLogin, useMe } from '../../hooks/auth';
import { needsOneTimeCode, useSignInOptions } from '../../hooks/twoFactor';
import { errorMessage } from '../../i18n/errorMessage';
import classes from './LoginPage.module.css';
import { OneTimeCodeField } from '../../components/OneTimeCodeField';
import { forgetServerDrawnShell } from '../../serverDrawnShell';

const FIELDS = ['email', 'password', 'otp'] as const;

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  // Someone who signed in on this browser may still have a session: they go on.
  const [mayHaveSession] = useState(signedInHereBefore);
  const me = useMe({ enabled: mayHaveSession });
  const login = useLogin();
  const options = useSignInOptions().data;
  // Two-factor sign-in: the password was right, a one-time code is asked for too.
  const [needsCode, setNeedsCode] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  // The sign-in page the server drew (api/spa_shell.go) has given way to this
  // one: a later full-screen loader (after signing in) must not show it.
  useEffect(forgetServerDrawnShell, []);

  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '', otp: '' },
    validate: {
      email: (value) => isNotEmpty(t('login.emailRequired'))(value.trim()) ?? isEmail(t('login.emailInvalid'))(value.trim()),
      password: isNotEmpty(t('login.passwordRequired')),
    },
  });

  // Already signed in (a bookmark to /login, or the back button): go on.
  if (me.data) return <Navigate to={next} replace />;

  const submit = form.onSubmit((values) => {
    const otp = values.otp.trim();
    if (needsCode && !otp) return form.setFieldError('otp', t('twoFactor.signIn.codeRequired'));
    login.mutate(
      { email: values.email.trim(), password: values.password, ...(needsCode ? { otp } : {}) },
      {
        onSuccess: () => void navigate(next, { replace: true }),
        onError: (error) => {
          if (needsOneTimeCode(error)) return setNeedsCode(true);
          if (needsCode && error instanceof ApiError && error.status === 401) {
            form.setFieldValue('otp', '');
            form.setFieldError('otp', t('twoFactor.signIn.wrongCode'));
            return codeRef.current?.focus();
          }
          form.setErrors(serverFieldErrors(error, FIELDS).fieldErrors);
          form.setFieldValue('password', '');
        },
      },
    );
  });

  const { otherErrors } = serverFieldErrors(login.error, FIELDS);
  const codeRefused = needsOneTimeCode(login.error) || (needsCode && login.error instanceof ApiError && login.error.status === 401);
  const showAlert = login.isError && !codeRefused && (otherErrors.length > 0 || !Object.keys(form.errors).length);
  const passwordLogin = options?.password_login !== false;

  return (
    <Box className={classes.page}>
      <Group justify="flex-end" p="md">
        <LanguageMenu />
      </Group>
      <Center className={classes.center} component="main">
        <Stack w="100%" maw={420} px="md" gap="lg">
          <Center>
            <Logo size={40} />
          </Center>
          <Paper withBorder shadow="sm" p="xl" radius="lg">
            <Stack gap={4} mb="lg">
              <Title order={1} size="h3">
                {t('login.title')}
              </Title>
              <Text c="dimmed" size="sm">
                {t('login.subtitle')}
              </Text>
            </Stack>
            <SingleSignOnButton options={options} withDivider={passwordLogin} />
            {passwordLogin && (
              <form onSubmit={submit} noValidate>
                <Stack gap="md">
                  {showAlert && (
                    <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} title={t('login.failed')} role="alert">
                      {otherErrors.length ? otherErrors.join(' ') : errorMessage(login.error, t)}
                    </Alert>
                  )}
                  <TextInput
                    label={t('login.email')}
                    type="email"
                    autoComplete="username"
                    dir="ltr"
                    required
                    autoFocus
                    key={form.key('email')}
                    {...form.getInputProps('email')}
                  />
                  <PasswordInput
                    label={t('login.password')}
                    autoComplete="current-password"
                    required
                    key={form.key('password')}
                    {...form.getInputProps('password')}
                  />
                  {needsCode && <OneTimeCodeField ref={codeRef} key={form.key('otp')} {...form.getInputProps('otp')} />}
                  <Button type="submit" fullWidth size="md" loading={login.isPending} mt="xs">
                    {t('login.submit')}
                  </Button>
                </Stack>
              </form>
            )}
          </Paper>
          <Text ta="center" size="xs" c="dimmed">
            {t('app.tagline')}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
