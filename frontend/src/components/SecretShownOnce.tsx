import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * A secret the server shows once (an API token, a calendar feed's address),
 * written out left to right whatever the page's direction, with a copy
 * button and a way to put it away.
 */
export function SecretShownOnce({
  title,
  text,
  secret,
  icon,
  testId,
  labels,
  onDone,
}: {
  title: string;
  text: string;
  secret: string;
  icon: ReactNode;
  testId: string;
  labels: { copy: string; copied: string; done: string };
  onDone: () => void;
}) {
  return (
    <Alert color="teal" variant="light" title={title} icon={icon} role="status">
      <Stack gap="sm">
        <Text size="sm">{text}</Text>
        <Code block dir="ltr" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid={testId}>
          {secret}
        </Code>
        <Group gap="sm">
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={14} aria-hidden="true" /> : <IconCopy size={14} aria-hidden="true" />}
                onClick={copy}
              >
                {copied ? labels.copied : labels.copy}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="default" onClick={onDone}>
            {labels.done}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
