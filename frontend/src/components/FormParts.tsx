import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './FormParts.module.css';

/** A titled group of fields in a form. */
export function FormSection({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby={id}>
      <Stack gap={2} mb="md">
        <Title order={2} size="h5" id={id}>
          {title}
        </Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </Stack>
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}

/** Problems that belong to no single field, said above the form. */
export function FormAlert({ title, messages }: { title: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} title={title} role="alert">
      {messages.map((m, i) => (
        <Text key={i} size="sm">
          {m}
        </Text>
      ))}
    </Alert>
  );
}

/** Save and cancel, kept in view at the foot of a long form. */
export function FormActions({ submitLabel, saving, onCancel }: { submitLabel: string; saving?: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="lg" p="sm" className={classes.actions}>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={saving}>
          {submitLabel}
        </Button>
      </Group>
    </Paper>
  );
}

/** Moves focus to the first field marked invalid, so keyboard users land on the problem. */
export function focusFirstInvalid(root: HTMLElement | null = document.body) {
  window.requestAnimationFrame(() => {
    const field = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus();
  });
}
