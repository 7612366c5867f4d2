import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

/** Engagement by country, programme and SDG over a period, printable. */
export function ReportsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('nav.reports')} />;
}
