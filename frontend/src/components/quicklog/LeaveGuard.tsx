import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { ConfirmDialog } from '../ConfirmDialog';

/**
 * Guards a form with unsaved changes: moving to another page in the app asks
 * first, and closing or reloading the tab gets the browser's own question.
 * `release` lets the form leave without asking (after a save).
 */
export function useLeaveGuard(dirty: boolean) {
  const released = useRef(false);
  const guarded = dirty && !released.current;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !released.current && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (!guarded) return;
    const ask = (e: BeforeUnloadEvent) => {
      if (released.current) return;
      e.preventDefault();
      // Older browsers need a returnValue to ask.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [guarded]);

  return {
    blocker,
    release: () => {
      released.current = true;
    },
  };
}

/** The question asked when leaving a form with unsaved changes (the draft stays). */
export function LeaveGuardDialog({ guard }: { guard: ReturnType<typeof useLeaveGuard> }) {
  const { t } = useTranslation();
  const { blocker } = guard;
  return (
    <ConfirmDialog
      opened={blocker.state === 'blocked'}
      title={t('quickLog.leaveTitle')}
      message={t('quickLog.leaveText')}
      confirmLabel={t('quickLog.leaveConfirm')}
      color="blue"
      onConfirm={() => blocker.proceed?.()}
      onClose={() => blocker.reset?.()}
    />
  );
}
