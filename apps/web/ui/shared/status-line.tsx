import { useTranslation } from 'react-i18next';

/** Loading and failure of a screen's data, said the same way everywhere. */
export function StatusLine({ loading, error }: { loading?: boolean; error?: unknown }) {
  const { t } = useTranslation();
  if (error) {
    return (
      <p className="form-error" role="alert">
        {t('common.error', { message: error instanceof Error ? error.message : String(error) })}
      </p>
    );
  }
  if (loading) return <p className="loading">{t('common.loading')}</p>;
  return null;
}
