import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { StatusLine } from '../../shared/status-line';
import { useVisit } from '../../shared/visits/use-visit';
import { VisitEvidence } from '../../shared/visits/visit-evidence';

/** One of my visits as I recorded it, and how it was judged; a visit still open leads back to its check-out. */
export function FieldVisitDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const visit = useVisit(id);
  if (!visit.data) return <StatusLine loading={visit.isPending} error={visit.error} />;
  const data = visit.data;
  return (
    <section>
      <h1>{t('records.visit.title', { name: data.targetName })}</h1>
      {data.checkedOutAt === null && (
        <p>
          <Link className="button" to={`/visit/${data.targetType}/${data.targetId}`}>
            {t('records.visit.continue')}
          </Link>
        </p>
      )}
      <VisitEvidence visit={data} />
    </section>
  );
}
