import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { IconRefresh, IconWifiOff } from '@tabler/icons-react';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useLocation, useRouteError } from 'react-router';
import { useMe } from '../hooks/auth';
import { isNetworkFailure } from '../i18n/errorMessage';

/**
 * The signed-in frame, fetched only when a page fails: its code is already
 * loaded (or cached by the service worker) by then. When even that cannot be
 * fetched, the message stands alone.
 */
const Frame = lazy(
  (): Promise<{ default: ComponentType<{ children: ReactNode }> }> =>
    import('./AppLayout').then(
      (m) => ({ default: m.AppFrame }),
      () => ({ default: Bare }),
    ),
);

function Bare({ children }: { children: ReactNode }) {
  return <>{children}</>;
}

/**
 * Last line of defence for errors thrown while rendering or loading a route.
 * For a signed-in person the failed page is shown inside the app's frame, so
 * the navigation, the search and the account menu stay usable; a page that
 * could not be fetched because the network is down says so.
 */
export function RouteError() {
  const error = useRouteError();
  const { pathname } = useLocation();
  const { data: me } = useMe();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (!notFound) console.error(error);
  const message = <RouteErrorMessage error={error} notFound={notFound} />;
  if (!me || pathname === '/login') return message;
  return (
    <Suspense fallback={message}>
      <Frame>{message}</Frame>
    </Suspense>
  );
}

function RouteErrorMessage({ error, notFound }: { error: unknown; notFound: boolean }) {
  const { t } = useTranslation();
  const offline = !notFound && (isNetworkFailure(error) || (typeof navigator !== 'undefined' && navigator.onLine === false));
  const title = notFound ? t('errors.notFoundTitle') : offline ? t('shell.pageOfflineTitle') : t('errors.routeTitle');
  const text = notFound ? t('errors.notFoundText') : offline ? t('errors.network') : t('errors.routeText');
  return (
    <Center mih="60dvh" p="lg">
      <Stack align="center" gap="sm" maw={420} ta="center" role={offline ? 'alert' : undefined}>
        {offline && <IconWifiOff size={32} aria-hidden="true" />}
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="dimmed">{text}</Text>
        <Button leftSection={<IconRefresh size={16} aria-hidden="true" />} onClick={() => window.location.reload()}>
          {offline ? t('common.retry') : t('errors.reload')}
        </Button>
      </Stack>
    </Center>
  );
}
