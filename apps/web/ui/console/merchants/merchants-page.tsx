import { useTranslation } from 'react-i18next';
import { RecordList } from '../records/record-list';

/** The merchants in my scope, found and filtered by the search service. */
export function MerchantsPage() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('merchants.title')}</h1>
      <RecordList type="merchant" />
    </section>
  );
}
