import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../api/client';
import { useFormat } from '../i18n/format';
import { MapLegend } from '../map/map-legend';
import { MapView } from '../map/map-view';
import { EvidencePhoto } from './evidence-photo';
import { RiskSignals } from './risk-signals';
import { VisitAnswers } from './visit-answers';
import { useVisitTarget } from './visit-target';
import './visits.css';

export type Visit = Answer<'getVisit'>;

/**
 * Everything a visit shows a reader, in one place for the console, the review queue and the field app: where the
 * rep stood and where the shop is (a line between them), how far apart, what the rep answered, the photos (each
 * opens large) and the risk signals in words. `repName` and `targetLink` come from the app showing it.
 */
export function VisitEvidence({ visit, repName, targetLink }: { visit: Visit; repName?: string; targetLink?: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const target = useVisitTarget(visit.targetType, visit.targetId);
  const rep: [number, number] = [visit.lng, visit.lat];
  const shop: [number, number] | undefined = target.data ? [target.data.lng, target.data.lat] : undefined;
  return (
    <div className="split visit-evidence">
      <div>
        <dl className="facts">
          <dt>{t('records.visit.target')}</dt>
          <dd>{targetLink ?? visit.targetName}</dd>
          {repName !== undefined && (
            <>
              <dt>{t('reviews.rep')}</dt>
              <dd>{repName}</dd>
            </>
          )}
          <dt>{t('records.visit.state')}</dt>
          <dd>
            <span className={`badge verification-${visit.verification}`}>{t(`visits.verification.${visit.verification}`)}</span>
          </dd>
          <dt>{t('reviews.checkedIn')}</dt>
          <dd>{format.dateTime(visit.checkedInAt)}</dd>
          <dt>{t('reviews.received')}</dt>
          <dd>{format.dateTime(visit.receivedAt)}</dd>
          <dt>{t('records.visit.checkedOut')}</dt>
          <dd>{visit.checkedOutAt ? format.dateTime(visit.checkedOutAt) : t('records.visit.stillOpen')}</dd>
          <dt>{t('reviews.distance')}</dt>
          <dd>{format.distance(visit.distanceM)}</dd>
          <dt>{t('reviews.accuracy')}</dt>
          <dd>{format.distance(visit.accuracyM)}</dd>
          <dt>{t('field.visit.outcome')}</dt>
          <dd>{visit.outcome ? t(`field.visit.outcomes.${visit.outcome}`) : '—'}</dd>
          <dt>{t('field.visit.notes')}</dt>
          <dd>{visit.notes || '—'}</dd>
          {visit.reviewReason && (
            <>
              <dt>{t('records.visit.reviewReason')}</dt>
              <dd>{visit.reviewReason}</dd>
            </>
          )}
        </dl>
        <h3>{t('reviews.signals')}</h3>
        <RiskSignals signals={visit.riskSignals} distanceM={visit.distanceM} />
        <h3>{t('field.visit.questions')}</h3>
        <VisitAnswers visit={visit} />
        <h3>{t('records.visit.photos')}</h3>
        {visit.photoIds.length === 0 ? (
          <p>{t('records.visit.noPhotos')}</p>
        ) : (
          <div className="photos">
            {visit.photoIds.map((photoId, index) => (
              <EvidencePhoto key={photoId} fileId={photoId} alt={t('records.visit.photo', { name: visit.targetName, number: index + 1 })} />
            ))}
          </div>
        )}
      </div>
      <div>
        <MapView
          label={t('records.visit.map', { name: visit.targetName })}
          center={rep}
          zoom={16}
          points={[
            { id: `${visit.id}-rep`, kind: 'visit', lng: visit.lng, lat: visit.lat },
            ...(target.data
              ? [{ id: visit.targetId, kind: visit.targetType, lng: target.data.lng, lat: target.data.lat, selected: true }]
              : []),
          ]}
          {...(shop ? { line: [rep, shop], fit: [rep, shop] } : {})}
        >
          <MapLegend kinds={['visit', visit.targetType]} />
        </MapView>
        <p className="muted">{t('records.visit.mapCaption', { distance: format.distance(visit.distanceM) })}</p>
      </div>
    </div>
  );
}
