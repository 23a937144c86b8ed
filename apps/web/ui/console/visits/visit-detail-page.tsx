import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useReps } from '../../shared/data/use-reps';
import { StatusLine } from '../../shared/status-line';
import { useVisit } from '../../shared/visits/use-visit';
import { VisitEvidence } from '../../shared/visits/visit-evidence';

const TARGET_ROUTES = { merchant: '/merchants', lead: '/leads' } as const;

/** A visit as a manager reads it (notices link here): the evidence, and a way to the review queue when it waits. */
export function VisitDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const visit = useVisit(id);
  const reps = useReps();
  if (!visit.data) return <StatusLine loading={visit.isPending} error={visit.error} />;
  const data = visit.data;
  const route = data.targetType === 'place' ? undefined : TARGET_ROUTES[data.targetType];
  return (
    <section>
      <h1>{t('records.visit.title', { name: data.targetName })}</h1>
      {data.verification === 'pending-review' && (
        <p className="warning">
          {t('records.visit.waitsForReview')} <Link to={`/reviews?visit=${data.id}`}>{t('records.visit.toReview')}</Link>
        </p>
      )}
      <VisitEvidence
        visit={data}
        repName={reps.data?.find((rep) => rep.id === data.repId)?.name ?? '—'}
        targetLink={route ? <Link to={`${route}/${data.targetId}`}>{data.targetName}</Link> : undefined}
      />
    </section>
  );
}
