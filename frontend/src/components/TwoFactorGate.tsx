import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../hooks/auth';

/** The page where two-factor sign-in is set up and turned off. */
export const TWO_FACTOR_PATH = '/account/two-factor';

/**
 * Someone whose role requires two-factor sign-in and who has not set it up
 * can use nothing else (the server refuses it): every page leads to the
 * set-up page until it is on.
 */
export function TwoFactorGate() {
  const { data: me } = useMe();
  const location = useLocation();
  if (me?.mfa_enrolment_required && location.pathname !== TWO_FACTOR_PATH) return <Navigate to={TWO_FACTOR_PATH} replace />;
  return <Outlet />;
}
