import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

/** Organizations on an influence × interest grid. */
export function StakeholderMapPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('nav.map')} />;
}
