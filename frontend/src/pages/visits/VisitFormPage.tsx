import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

/** Creating and editing a visit: participants and itinerary in place. */
export function VisitFormPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('nav.visits')} />;
}
