import { Alert, Badge, Button, Code, CopyButton, Group, Image, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy, IconDownload, IconInfoCircle, IconShieldCheck } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { FormAlert } from '../../components/FormParts';
import { OneTimeCodeField } from '../../components/OneTimeCodeField';
import { PageHeader } from '../../components/PageHeader';
import { notify } from '../../components/notify';
import { useMe, type User } from '../../hooks/auth';
import { useConfirmTwoFactor, useDisableTwoFactor, useEnrolTwoFactor, type TwoFactorEnrolment } from '../../hooks/twoFactor';
import { errorMessage } from '../../i18n/errorMessage';

/** Few enough recovery codes left to suggest new ones. */
const LOW_RECOVERY_CODES = 3;

/** The secret in groups of four, as authenticator apps show it. */
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** The otpauth:// URL as an SVG QR code (data URL); null until drawn, or if it cannot be. */
function useQrCode(text: string): string | null {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setImage(null);
    import('qrcode')
      .then((qr) => qr.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }))
      .then((svg) => live && setImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => {
        // The secret is shown as text as well: it can be typed into the app.
      });
    return () => {
      live = false;
    };
  }, [text]);
  return image;
}

function downloadText(name: string, text: string) {
  if (typeof URL.createObjectURL !== 'function') return;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** A code the server refused at body.code shows at the field; anything else above the form. */
function codeErrors(error: unknown, t: TFunction): { field: string | null; general: string[] } {
  if (!error) return { field: null, general: [] };
  if (error instanceof ApiError && (error.errors.some((e) => e.location === 'body.code') || error.status === 422)) {
    return { field: t('twoFactor.page.wrongCode'), general: [] };
  }
  return { field: null, general: [errorMessage(error, t)] };
}

function CopyAction({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Button
          variant="default"
          size="xs"
          onClick={copy}
          leftSection={copied ? <IconCheck size={14} aria-hidden="true" /> : <IconCopy size={14} aria-hidden="true" />}
        >
          {copied ? t('twoFactor.page.copied') : label}
        </Button>
      )}
    </CopyButton>
  );
}

/** A form with one field for a code of the authenticator app. */
function CodeForm({
  submitLabel,
  color,
  pending,
  error,
  onSubmit,
}: {
  submitLabel: string;
  color?: string;
  pending: boolean;
  error: unknown;
  onSubmit: (code: string) => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ mode: 'controlled', initialValues: { code: '' } });
  const { field, general } = codeErrors(error, t);
  useEffect(() => {
    if (field) form.setFieldError('code', field);
  }, [error]);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(({ code }) => {
        const trimmed = code.replace(/\s+/g, '');
        if (!trimmed) return form.setFieldError('code', t('twoFactor.page.codeRequired'));
        onSubmit(trimmed);
      })}
    >
      <Stack gap="sm">
        <FormAlert title={t('twoFactor.page.failed')} messages={general} />
        <Group align="flex-start" gap="sm">
          <OneTimeCodeField label={t('twoFactor.page.code')} description={undefined} autoFocus={false} w={220} {...form.getInputProps('code')} />
          <Button type="submit" color={color} loading={pending} mt={25}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Enrolment({ enrolment, me, onStartOver, restarting }: { enrolment: TwoFactorEnrolment; me: User; onStartOver: () => void; restarting: boolean }) {
  const { t } = useTranslation();
  const confirm = useConfirmTwoFactor();
  const qr = useQrCode(enrolment.otpauth_url);
  const codes = enrolment.recovery_codes.join('\n');
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder radius="lg" p="lg">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('twoFactor.page.scan')}
            </Title>
            {qr && <Image src={qr} alt={t('twoFactor.page.qrAlt')} w={200} h={200} fit="contain" bg="white" />}
            <Text size="sm" fw={500}>
              {t('twoFactor.page.secret')}
            </Text>
            <Group gap="sm">
              <Code fz="md" dir="ltr" data-testid="two-factor-secret">
                {groupSecret(enrolment.secret)}
              </Code>
              <CopyAction value={enrolment.secret} label={t('twoFactor.page.copySecret')} />
            </Group>
          </Stack>
        </Paper>
        <Paper withBorder radius="lg" p="lg">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('twoFactor.page.recoveryTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('twoFactor.page.recoveryHint')}
            </Text>
            <SimpleGrid cols={2} spacing={4} component="ul" aria-label={t('twoFactor.page.recoveryCodes')} dir="ltr" p={0} m={0} style={{ listStyle: 'none' }}>
              {enrolment.recovery_codes.map((code) => (
                <Text component="li" key={code} ff="monospace" size="sm">
                  {code}
                </Text>
              ))}
            </SimpleGrid>
            <Group gap="sm">
              <CopyAction value={codes} label={t('twoFactor.page.copyCodes')} />
              <Button
                variant="default"
                size="xs"
                leftSection={<IconDownload size={14} aria-hidden="true" />}
                onClick={() => downloadText('liaison-recovery-codes.txt', `${t('twoFactor.page.fileHeader', { email: me.email })}\n\n${codes}\n`)}
              >
                {t('twoFactor.page.download')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </SimpleGrid>
      <Paper withBorder radius="lg" p="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('twoFactor.page.confirmTitle')}
          </Title>
          <CodeForm
            submitLabel={t('twoFactor.page.confirm')}
            pending={confirm.isPending}
            error={confirm.error}
            onSubmit={(code) => confirm.mutate(code, { onSuccess: () => notify.success(t('twoFactor.page.confirmed')) })}
          />
          <Group>
            <Button variant="subtle" size="xs" onClick={onStartOver} loading={restarting}>
              {t('twoFactor.page.startOver')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

function TurnedOn({ me }: { me: User }) {
  const { t } = useTranslation();
  const disable = useDisableTwoFactor();
  const left = me.mfa_recovery_codes_left;
  return (
    <Stack gap="lg">
      <Paper withBorder radius="lg" p="lg">
        <Stack gap="xs">
          <Group gap="sm">
            <IconShieldCheck size={22} color="var(--mantine-color-teal-7)" aria-hidden="true" />
            <Text fw={500}>{t('twoFactor.page.statusOn')}</Text>
          </Group>
          <Text size="sm">{t('twoFactor.page.recoveryLeft', { count: left })}</Text>
          {left <= LOW_RECOVERY_CODES && (
            <Text size="sm" c="orange.8">
              {t('twoFactor.page.recoveryLow')}
            </Text>
          )}
        </Stack>
      </Paper>
      <Paper withBorder radius="lg" p="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('twoFactor.page.turnOffTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('twoFactor.page.turnOffText')}
          </Text>
          <CodeForm
            submitLabel={t('twoFactor.page.turnOff')}
            color="red"
            pending={disable.isPending}
            error={disable.error}
            onSubmit={(code) => disable.mutate(code, { onSuccess: () => notify.success(t('twoFactor.page.turnedOff')) })}
          />
        </Stack>
      </Paper>
    </Stack>
  );
}

/**
 * The signed-in user's two-factor sign-in: set it up (QR code, key, recovery
 * codes shown once, a first code to confirm), or see it on and turn it off.
 * People whose role requires it are sent here until it is on.
 */
export function TwoFactorPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const enrol = useEnrolTwoFactor();
  if (!me) return null;
  const enrolment = me.mfa_enabled ? undefined : enrol.data;
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader
        title={t('twoFactor.page.title')}
        description={t('twoFactor.page.intro')}
        actions={
          <Badge size="lg" variant="light" color={me.mfa_enabled ? 'teal' : 'gray'}>
            {me.mfa_enabled ? t('twoFactor.page.on') : t('twoFactor.page.off')}
          </Badge>
        }
      />
      {me.mfa_enrolment_required && (
        <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden="true" />}>
          {t('twoFactor.page.required')}
        </Alert>
      )}
      {me.mfa_enabled ? (
        <TurnedOn me={me} />
      ) : enrolment ? (
        <Enrolment enrolment={enrolment} me={me} onStartOver={() => enrol.mutate()} restarting={enrol.isPending} />
      ) : (
        <Paper withBorder radius="lg" p="lg">
          <Stack gap="sm" align="flex-start">
            <Text>{t('twoFactor.page.statusOff')}</Text>
            <FormAlert title={t('twoFactor.page.failed')} messages={enrol.error ? [errorMessage(enrol.error, t)] : []} />
            <Button onClick={() => enrol.mutate()} loading={enrol.isPending} leftSection={<IconShieldCheck size={18} aria-hidden="true" />}>
              {t('twoFactor.page.start')}
            </Button>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
