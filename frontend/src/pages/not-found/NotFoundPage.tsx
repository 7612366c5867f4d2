import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center mih="50dvh">
      <Stack align="center" gap="sm" maw={420} ta="center">
        <Title order={1} size="h2">
          {t('errors.notFoundTitle')}
        </Title>
        <Text c="dimmed">{t('errors.notFoundText')}</Text>
        <Button component={Link} to="/" variant="light">
          {t('errors.backHome')}
        </Button>
      </Stack>
    </Center>
  );
}
