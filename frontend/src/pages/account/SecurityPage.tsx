import { Button, Checkbox, Group, Paper, PasswordInput, Progress, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconKey, IconLogout2, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SecretShownOnce } from '../../components/SecretShownOnce';
import { CalendarFeedSection } from './CalendarFeedSection';
import { FormAlert, FormSection, focusFirstInvalid } from '../../components/FormParts';
import { notify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { SessionList, useClientName } from '../../components/SessionList';
import { useFormat } from '../../components/useFormat';
import { useChangePassword, useEndMyOtherSessions, useEndMySession, useMySessions, type SignInSession } from '../../hooks/sessions';
import { useCreateToken, useMyTokens, useRevokeToken, type ApiToken } from '../../hooks/tokens';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';

/** The server's rule (services.MinPasswordLength). */
const MIN_PASSWORD = 12;

/** Where I am signed in: end one session, or all but this one. */
function MySessions() {
  const { t } = useTranslation();
  const sessions = useMySessions();
  const endOne = useEndMySession();
  const endOthers = useEndMyOtherSessions();
  const clientName = useClientName();
  const [ending, setEnding] = useState<SignInSession | null>(null);
  const [endingOthers, setEndingOthers] = useState(false);
  const others = (sessions.data ?? []).filter((s) => !s.current).length;

  return (
    <FormSection title={t('security.sessions.title')} description={t('security.sessions.description')}>
      {sessions.isPending ? (
        <Stack gap="xs" aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton height={64} radius="md" />
          <Skeleton height={64} radius="md" />
        </Stack>
      ) : sessions.isError ? (
        <QueryError title={t('security.sessions.loadFailed')} error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <>
          <SessionList
            sessions={sessions.data}
            label={t('security.sessions.listLabel')}
            action={(session) =>
              session.current ? null : (
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  onClick={() => {
                    endOne.reset();
                    setEnding(session);
                  }}
                  aria-label={t('security.sessions.endLabel', { client: clientName(session) })}
                >
                  {t('security.sessions.end')}
                </Button>
              )
            }
          />
          {others === 0 && (
            <Text size="sm" c="dimmed">
              {t('security.sessions.onlyHere')}
            </Text>
          )}
          <Group>
            <Button
              variant="default"
              leftSection={<IconLogout2 size={16} aria-hidden="true" />}
              disabled={others === 0}
              onClick={() => {
                endOthers.reset();
                setEndingOthers(true);
              }}
            >
              {t('security.sessions.endOthers')}
            </Button>
          </Group>
        </>
      )}
      <ConfirmDialog
        opened={ending !== null}
        title={t('security.sessions.endTitle')}
        message={ending ? t('security.sessions.endText', { client: clientName(ending) }) : ''}
        confirmLabel={t('security.sessions.end')}
        loading={endOne.isPending}
        error={endOne.error}
        onClose={() => setEnding(null)}
        onConfirm={() =>
          ending &&
          endOne.mutate(ending.id, {
            onSuccess: () => {
              notify.success(t('security.sessions.ended'));
              setEnding(null);
            },
          })
        }
      />
      <ConfirmDialog
        opened={endingOthers}
        title={t('security.sessions.endOthersTitle')}
        message={t('security.sessions.endOthersText')}
        confirmLabel={t('security.sessions.endOthers')}
        loading={endOthers.isPending}
        error={endOthers.error}
        onClose={() => setEndingOthers(false)}
        onConfirm={() =>
          endOthers.mutate(undefined, {
            onSuccess: (ended) => {
              notify.success(t('security.sessions.endedOthers', { count: ended }));
              setEndingOthers(false);
            },
          })
        }
      />
    </FormSection>
  );
}

/** A token's secret, shown once, with a copy button. */
function NewToken({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <SecretShownOnce
      title={t('security.tokens.createdTitle')}
      text={t('security.tokens.createdText')}
      secret={token}
      icon={<IconKey aria-hidden="true" />}
      testId="new-token"
      labels={{ copy: t('security.tokens.copy'), copied: t('security.tokens.copied'), done: t('security.tokens.done') }}
      onDone={onDone}
    />
  );
}

/** My personal API tokens: list, create (secret shown once), revoke. */
function MyTokens() {
  const { t } = useTranslation();
  const format = useFormat();
  const tokens = useMyTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '' },
    validate: { name: (v: string) => (v.trim() ? null : t('security.tokens.nameRequired')) },
  });
  useEffect(() => {
    if (create.error) form.setErrors(formErrors(create.error, t, ['name']).fieldErrors);
  }, [create.error]);
  const { otherErrors, fieldErrors } = formErrors(create.error, t, ['name']);
  const general = !create.error ? [] : otherErrors.length ? otherErrors : Object.keys(fieldErrors).length ? [] : [errorMessage(create.error, t)];

  return (
    <FormSection title={t('security.tokens.title')} description={t('security.tokens.description')}>
      {secret && <NewToken token={secret} onDone={() => setSecret(null)} />}
      {tokens.isPending ? (
        <Skeleton height={48} radius="md" />
      ) : tokens.isError ? (
        <QueryError title={t('security.tokens.loadFailed')} error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('security.tokens.none')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" aria-label={t('security.tokens.listLabel')} m={0} p={0} style={{ listStyle: 'none' }}>
          {tokens.data.map((token) => (
            <Paper key={token.id} component="li" withBorder radius="md" p="sm">
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Stack gap={2} miw={0}>
                  <Text fw={600} size="sm" truncate="end">
                    {token.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('security.tokens.created', { when: format.dateTime(token.created_at) })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {token.last_used_at ? t('security.tokens.lastUsed', { when: format.dateTime(token.last_used_at) }) : t('security.tokens.neverUsed')}
                  </Text>
                </Stack>
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  style={{ flexShrink: 0 }}
                  aria-label={t('security.tokens.revokeLabel', { name: token.name })}
                  onClick={() => {
                    revoke.reset();
                    setRevoking(token);
                  }}
                >
                  {t('security.tokens.revoke')}
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <form
        noValidate
        onSubmit={form.onSubmit(
          ({ name }) =>
            create.mutate(name.trim(), {
              onSuccess: (created) => {
                setSecret(created.token ?? null);
                form.reset();
              },
            }),
          () => focusFirstInvalid(),
        )}
      >
        <Stack gap="sm">
          <FormAlert title={t('security.tokens.createFailed')} messages={general} />
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('security.tokens.name')}
              placeholder={t('security.tokens.namePlaceholder')}
              maxLength={100}
              style={{ flex: '1 1 14rem' }}
              {...form.getInputProps('name')}
            />
            <Button type="submit" leftSection={<IconPlus size={16} aria-hidden="true" />} loading={create.isPending}>
              {t('security.tokens.create')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={revoking !== null}
        title={revoking ? t('security.tokens.revokeTitle', { name: revoking.name }) : ''}
        message={t('security.tokens.revokeText')}
        confirmLabel={t('security.tokens.revoke')}
        loading={revoke.isPending}
        error={revoke.error}
        onClose={() => setRevoking(null)}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notify.success(t('security.tokens.revoked', { name: revoking.name }));
              setRevoking(null);
            },
          })
        }
      />
    </FormSection>
  );
}

const PASSWORD_FIELDS = ['current_password', 'new_password'] as const;

/** Current, new and repeated password; my other sessions end, my tokens too unless unticked. */
function ChangePassword() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useForm({
    mode: 'controlled',
    initialValues: { current_password: '', new_password: '', confirm: '', revoke_tokens: true },
    validate: {
      current_password: (v: string) => (v ? null : t('security.password.currentRequired')),
      new_password: (v: string) => (v.length < MIN_PASSWORD ? t('validation.minLength', { count: MIN_PASSWORD }) : null),
      confirm: (v: string, values: { new_password: string }) => (v !== values.new_password ? t('security.password.differ') : null),
    },
  });
  useEffect(() => {
    if (!change.error) return;
    form.setErrors(formErrors(change.error, t, PASSWORD_FIELDS).fieldErrors);
    focusFirstInvalid();
  }, [change.error]);
  const { otherErrors, fieldErrors } = formErrors(change.error, t, PASSWORD_FIELDS);
  const general = !change.error ? [] : otherErrors.length ? otherErrors : Object.keys(fieldErrors).length ? [] : [errorMessage(change.error, t)];

  return (
    <FormSection title={t('security.password.title')} description={t('security.password.description')}>
      <form
        noValidate
        onSubmit={form.onSubmit(
          (values) =>
            change.mutate(
              { current_password: values.current_password, new_password: values.new_password, revoke_tokens: values.revoke_tokens },
              {
                onSuccess: () => {
                  notify.success(values.revoke_tokens ? t('security.password.changedAndRevoked') : t('security.password.changed'));
                  form.reset();
                },
              },
            ),
          () => focusFirstInvalid(),
        )}
      >
        <Stack gap="md" maw={480}>
          <FormAlert title={t('security.password.failed')} messages={general} />
          <PasswordInput label={t('security.password.current')} required autoComplete="current-password" {...form.getInputProps('current_password')} />
          <PasswordInput
            label={t('security.password.new')}
            description={t('security.password.hint', { count: MIN_PASSWORD })}
            required
            autoComplete="new-password"
            {...form.getInputProps('new_password')}
          />
          <PasswordInput label={t('security.password.confirm')} required autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Checkbox
            label={t('security.password.revokeTokens')}
            description={t('security.password.revokeTokensHint')}
            {...form.getInputProps('revoke_tokens', { type: 'checkbox' })}
          />
          {change.isPending && <Progress value={100} animated size="sm" aria-label={t('security.password.working')} />}
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('security.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormSection>
  );
}

/** Sign-in and security: my sessions, my API tokens, my password. */
export function SecurityPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title={t('security.title')} description={t('security.subtitle')} />
      <MySessions />
      <MyTokens />
      <CalendarFeedSection />
      <ChangePassword />
    </Stack>
  );
}
