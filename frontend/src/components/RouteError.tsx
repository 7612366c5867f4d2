import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Last line of defence for errors thrown while rendering or loading a route. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (!notFound) console.error(error);
  return (
    <Center mih="60dvh" p="lg">
      <Stack align="center" gap="sm" maw={420} ta="center">
        <Title order={1} size="h2">
          {notFound ? t('errors.notFoundTitle') : t('errors.routeTitle')}
        </Title>
        <Text c="dimmed">{notFound ? t('errors.notFoundText') : t('errors.routeText')}</Text>
        <Button leftSection={<IconRefresh size={16} aria-hidden="true" />} onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </Button>
      </Stack>
    </Center>
  );
}
