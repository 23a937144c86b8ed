import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { ProblemError } from '../../shared/api/problem';
import { useReps } from '../../shared/data/use-reps';
import { Field, FormError } from '../../shared/forms/field';
import { useFormat } from '../../shared/i18n/format';
import { StatusLine } from '../../shared/status-line';
import { VisitEvidence } from '../../shared/visits/visit-evidence';

/**
 * The supervisor's queue: every flagged visit listed (oldest first) with why it was flagged; the one picked shows
 * its evidence bundle — the rep's point and the shop's, the answers, the photos — to approve or reject with a reason.
 */
export function ReviewsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queries = useQueryClient();
  const reps = useReps();
  const [params, setParams] = useSearchParams();
  const [reason, setReason] = useState('');
  const queue = useQuery({
    queryKey: ['review-queue'],
    queryFn: () =>
      answerOf(rest.GET('/api/v1/visits/review-queue', { params: { query: { limit: 200 } } })).catch((error: unknown) => {
        if (error instanceof ProblemError && error.status === 404) return null;
        throw error;
      }),
  });
  const review = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approve' | 'reject' }) =>
      answerOf(rest.POST('/api/v1/visits/{id}/review', { params: { path: { id } }, body: { decision, reason: reason.trim() } })),
    onSuccess: () => {
      setReason('');
      setParams({}, { replace: true });
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['review-queue'] }),
  });
  const repName = (id: string) => reps.data?.find((rep) => rep.id === id)?.name ?? '—';
  const items = queue.data?.items ?? [];
  const item = items.find((visit) => visit.id === params.get('visit')) ?? items[0];

  return (
    <section>
      <h1>{t('reviews.title')}</h1>
      <StatusLine loading={queue.isPending} error={queue.error} />
      {queue.data === null && <p>{t('reviews.unavailable')}</p>}
      {queue.data && <p>{t('reviews.waiting', { count: items.length })}</p>}
      {queue.data && !item && <p>{t('reviews.empty')}</p>}
      {items.length > 0 && (
        <table className="review-list">
          <caption className="visually-hidden">{t('records.review.list')}</caption>
          <thead>
            <tr>
              <th>{t('records.visit.target')}</th>
              <th>{t('reviews.rep')}</th>
              <th>{t('reviews.checkedIn')}</th>
              <th>{t('reviews.signals')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((visit) => (
              <tr key={visit.id} aria-current={visit.id === item?.id ? 'true' : undefined}>
                <td>
                  <Link to={`/reviews?visit=${visit.id}`}>{visit.targetName}</Link>
                </td>
                <td>{repName(visit.repId)}</td>
                <td>{format.dateTime(visit.checkedInAt)}</td>
                <td>{visit.riskSignals.map((signal) => t(`records.signalNames.${signal.code}`, signal.code)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {item && (
        <article aria-label={t('reviews.evidence')}>
          <h2>
            <Link to={`/visits/${item.id}`}>{item.targetName}</Link>
          </h2>
          <VisitEvidence visit={item} repName={repName(item.repId)} />
          <Field label={t('reviews.reason')} value={reason} onChange={(event) => setReason(event.target.value)} />
          <FormError message={review.error?.message} />
          <div className="actions">
            <button
              type="button"
              disabled={review.isPending || !reason.trim()}
              onClick={() => review.mutate({ id: item.id, decision: 'approve' })}
            >
              {t('reviews.approve')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={review.isPending || !reason.trim()}
              onClick={() => review.mutate({ id: item.id, decision: 'reject' })}
            >
              {t('reviews.reject')}
            </button>
          </div>
        </article>
      )}
    </section>
  );
}
