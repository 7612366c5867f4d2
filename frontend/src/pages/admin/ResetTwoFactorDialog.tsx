import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { notify } from '../../components/notify';
import { useResetUserTwoFactor } from '../../hooks/twoFactor';
import type { UserRecord } from '../../hooks/users';

/**
 * Whether to offer "Reset two-factor sign-in" for a user: admins are told
 * whether it is on; where the record does not say, it is offered.
 */
export function mayHaveTwoFactor(user: UserRecord): boolean {
  return user.mfa_enabled !== false;
}

/** Admins: asks, then resets a user's two-factor sign-in (a lost phone and lost recovery codes). */
export function ResetTwoFactorDialog({ user, onClose }: { user: UserRecord | null; onClose: () => void }) {
  const { t } = useTranslation();
  const reset = useResetUserTwoFactor();
  const close = () => {
    reset.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      opened={user !== null}
      onClose={close}
      title={t('twoFactor.admin.resetTitle', { name: user?.name ?? '' })}
      message={t('twoFactor.admin.resetText')}
      confirmLabel={t('twoFactor.admin.reset')}
      color="red"
      loading={reset.isPending}
      error={reset.error}
      onConfirm={() =>
        user &&
        reset.mutate(user.id, {
          onSuccess: () => {
            notify.success(t('twoFactor.admin.resetDone', { name: user.name }));
            close();
          },
        })
      }
    />
  );
}
