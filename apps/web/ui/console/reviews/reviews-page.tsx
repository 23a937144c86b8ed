import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf, rest } from '../../shared/api/client';
import { ProblemError } from '../../shared/api/problem';
import { useReps } from '../../shared/data/use-reps';
import { Field, FormError } from '../../shared/forms/field';
import { useFormat } from '../../shared/i18n/format';
import { MapView } from '../../shared/map/map-view';
import { StatusLine } from '../../shared/status-line';
import { EvidencePhoto } from './evidence-photo';

/** The supervisor's queue: each flagged visit with its evidence bundle, to approve or reject with a reason. */
export function ReviewsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queries = useQueryClient();
  const reps = useReps();
  const [reason, setReason] = useState('');
  const queue = useQuery({
    queryKey: ['review-queue'],
    queryFn: () =>
      answerOf(rest.GET('/api/v1/visits/review-queue', { params: { query: { limit: 50 } } })).catch((error: unknown) => {
        if (error instanceof ProblemError && error.status === 404) return null;
        throw error;
      }),
  });
  const review = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approve' | 'reject' }) =>
      answerOf(rest.POST('/api/v1/visits/{id}/review', { params: { path: { id } }, body: { decision, reason: reason.trim() } })),
    onSuccess: () => setReason(''),
    onSettled: () => queries.invalidateQueries({ queryKey: ['review-queue'] }),
  });
  const repName = (id: string) => reps.data?.find((rep) => rep.id === id)?.name ?? id;
  const item = queue.data?.items[0];

  return (
    <section>
      <h1>{t('reviews.title')}</h1>
      <StatusLine loading={queue.isPending} error={queue.error} />
      {queue.data === null && <p>{t('reviews.unavailable')}</p>}
      {queue.data && <p>{t('reviews.waiting', { count: queue.data.items.length })}</p>}
      {queue.data && !item && <p>{t('reviews.empty')}</p>}
      {item && (
        <article className="split" aria-label={t('reviews.evidence')}>
          <div>
            <h2>{item.targetName}</h2>
            <dl className="facts">
              <dt>{t('reviews.rep')}</dt>
              <dd>{repName(item.repId)}</dd>
              <dt>{t('reviews.checkedIn')}</dt>
              <dd>{format.dateTime(item.checkedInAt)}</dd>
              <dt>{t('reviews.received')}</dt>
              <dd>{format.dateTime(item.receivedAt)}</dd>
              <dt>{t('reviews.distance')}</dt>
              <dd>{format.distance(item.distanceM)}</dd>
              <dt>{t('reviews.accuracy')}</dt>
              <dd>{format.distance(item.accuracyM)}</dd>
              <dt>{t('reviews.risk')}</dt>
              <dd>{format.number(item.riskScore, 2)}</dd>
            </dl>
            <h3>{t('reviews.signals')}</h3>
            <ul>
              {item.riskSignals.map((signal) => (
                <li key={signal.code}>
                  <code>{signal.code}</code> ({format.number(signal.weight, 2)}): {signal.detail}
                </li>
              ))}
            </ul>
            <div className="photos">
              {item.photoIds.map((photoId) => (
                <EvidencePhoto key={photoId} fileId={photoId} alt={t('reviews.photo', { name: item.targetName })} />
              ))}
            </div>
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
          </div>
          <MapView
            label={t('reviews.evidence')}
            center={[item.lng, item.lat]}
            zoom={16}
            points={[{ id: item.id, kind: 'visit', lng: item.lng, lat: item.lat }]}
          />
        </article>
      )}
    </section>
  );
}
