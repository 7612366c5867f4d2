import { Center, Container } from '@mantine/core';
import { useDeferredValue } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../hooks/auth';
import { PageLoader } from './PageLoader';
import { QueryError } from './QueryError';

/**
 * Guards every route below it: without a session the person goes to /login,
 * carrying the address they wanted so they land there after signing in.
 */
export function RequireAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  // The signed-in app is drawn at a transition's priority, in slices that
  // leave the main thread free in between, once "who am I" answers: that
  // answer comes from a store update, which React would otherwise draw as one
  // long synchronous task (the whole frame and page at once, on a phone).
  const pending = useDeferredValue(me.isPending, true);

  if (me.isPending || pending) return <PageLoader fullScreen />;
  if (me.isError) {
    return (
      <Center mih="100dvh">
        <Container size="xs">
          <QueryError title={t('errors.routeTitle')} error={me.error} onRetry={() => void me.refetch()} />
        </Container>
      </Center>
    );
  }
  if (me.data === null) {
    const wanted = location.pathname + location.search + location.hash;
    const to = wanted === '/' ? '/login' : `/login?next=${encodeURIComponent(wanted)}`;
    return <Navigate to={to} replace />;
  }
  return <Outlet />;
}

/** Only same-site paths are followed after login, never another origin. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
