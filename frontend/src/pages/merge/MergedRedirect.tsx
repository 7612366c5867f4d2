import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { notify } from '../../components/notify';

/**
 * A merged record's old address: the server answers with the archived
 * record naming its survivor, and the page goes there, saying why.
 */
export function MergedRedirect({ to }: { to: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const told = useRef(false);
  useEffect(() => {
    if (!told.current) notify.success(t('merge.redirected'));
    told.current = true;
    void navigate(to, { replace: true });
  }, [navigate, t, to]);
  return <PageLoader />;
}
