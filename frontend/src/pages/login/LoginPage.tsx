import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { serverFieldErrors } from '../../api/client';
import { LanguageMenu } from '../../components/LanguageMenu';
import { Logo } from '../../components/Logo';
import { safeNext } from '../../components/RequireAuth';
import { useLogin, useMe } from '../../hooks/auth';
import { errorMessage } from '../../i18n/errorMessage';
import classes from './LoginPage.module.css';

const FIELDS = ['email', 'password'] as const;

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMe();
  const login = useLogin();

  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => isNotEmpty(t('login.emailRequired'))(value.trim()) ?? isEmail(t('login.emailInvalid'))(value.trim()),
      password: isNotEmpty(t('login.passwordRequired')),
    },
  });

  // Already signed in (a bookmark to /login, or the back button): go on.
  if (me.data) return <Navigate to={next} replace />;

  const submit = form.onSubmit((values) => {
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: () => void navigate(next, { replace: true }),
        onError: (error) => {
          form.setErrors(serverFieldErrors(error, FIELDS).fieldErrors);
          form.setFieldValue('password', '');
        },
      },
    );
  });

  const { otherErrors } = serverFieldErrors(login.error, FIELDS);
  const showAlert = login.isError && (otherErrors.length > 0 || !Object.keys(form.errors).length);

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
                <Button type="submit" fullWidth size="md" loading={login.isPending} mt="xs">
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
          <Text ta="center" size="xs" c="dimmed">
            {t('app.tagline')}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
