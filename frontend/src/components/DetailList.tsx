import { Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconMail, IconPhone, IconWorld } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './DetailList.module.css';

export interface Detail {
  label: string;
  value: ReactNode;
  /** Spans the whole width (long text). */
  wide?: boolean;
}

/** Label and value pairs as a description list; empty values say "Not set". */
export function DetailList({ items, cols = 2 }: { items: Detail[]; cols?: number }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: cols }} spacing="lg" verticalSpacing="md" className={classes.list}>
      {items.map((item) => (
        <Stack key={item.label} gap={2} className={item.wide ? classes.wide : undefined} miw={0}>
          <Text component="dt" size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>
            {item.label}
          </Text>
          <Text component="dd" size="sm" className={classes.value}>
            {item.value === '' || item.value === null || item.value === undefined ? (
              <Text span size="sm" c="dimmed">
                {t('common.notSet')}
              </Text>
            ) : (
              item.value
            )}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}

/** A phone number as a `tel:` address: digits and a leading plus only. */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/\D/g, '')}`;
}

/** The host of a web address, for a short label ("www.mfa.gov.iq"); the address itself when it cannot be read. */
function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/**
 * How to reach an organization or a person, first on its page: the phone
 * as a `tel:` link (a tap calls), the email as `mailto:`, the website. Each
 * shows its value (numbers and addresses left to right in every language).
 */
export function ReachLinks({ phone, email, website }: { phone?: string | null; email?: string | null; website?: string | null }) {
  const { t } = useTranslation();
  if (!phone && !email && !website) return null;
  return (
    <Group gap="xs" role="group" aria-label={t('keyFacts.label')} data-testid="reach-links">
      {phone && (
        <Button component="a" href={telHref(phone)} variant="light" size="sm" leftSection={<IconPhone size={16} aria-hidden="true" />} title={t('keyFacts.call')}>
          <span dir="ltr">{phone}</span>
        </Button>
      )}
      {email && (
        <Button
          component="a"
          href={`mailto:${email}`}
          variant="light"
          size="sm"
          leftSection={<IconMail size={16} aria-hidden="true" />}
          title={t('keyFacts.email')}
          maw="100%"
          styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
        >
          <span dir="ltr">{email}</span>
        </Button>
      )}
      {website && (
        <Button
          component="a"
          href={website}
          target="_blank"
          rel="noreferrer noopener"
          variant="light"
          size="sm"
          leftSection={<IconWorld size={16} aria-hidden="true" />}
          title={t('keyFacts.website')}
          maw="100%"
          styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
        >
          <span dir="ltr">{hostOf(website)}</span>
        </Button>
      )}
    </Group>
  );
}
