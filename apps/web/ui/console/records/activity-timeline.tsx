import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../shared/i18n/format';
import { EvidencePhoto } from '../../shared/visits/evidence-photo';
import { VisitAnswers } from '../../shared/visits/visit-answers';
import type { Visit } from '../../shared/visits/visit-evidence';
import './records.css';

/** One line of a record's activity: when, what kind, and what to read. */
export interface Activity {
  id: string;
  time: string;
  kind: 'visit' | 'follow-up' | 'change';
  who: string | null;
  body: ReactNode;
}

/** A record's activity, newest first: visits, follow-ups and changes interleaved by time. */
export function ActivityTimeline({ activities }: { activities: Activity[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sorted = [...activities].sort((a, b) => b.time.localeCompare(a.time));
  if (sorted.length === 0) return <p>{t('common.none')}</p>;
  return (
    <ol className="timeline" aria-label={t('records.timeline.title')}>
      {sorted.map((activity) => (
        <li key={`${activity.kind}-${activity.id}`} className={`timeline-${activity.kind}`}>
          <p className="timeline-head">
            <span className="badge">{t(`records.timeline.kinds.${activity.kind}`)}</span>{' '}
            <time dateTime={activity.time}>{format.dateTime(activity.time)}</time>
            {activity.who && <span className="muted"> · {activity.who}</span>}
          </p>
          <div>{activity.body}</div>
        </li>
      ))}
    </ol>
  );
}

/** A visit as a timeline entry: its outcome and state, the notes, the answers in short, the photos and a link. */
export function visitActivity(visit: Visit, repName: string | null, t: TFunction): Activity {
  return {
    id: visit.id,
    time: visit.checkedInAt,
    kind: 'visit',
    who: repName,
    body: (
      <>
        <p>
          <Link to={`/visits/${visit.id}`}>
            {visit.outcome ? t(`field.visit.outcomes.${visit.outcome}`) : t('records.visit.stillOpen')}
          </Link>
          {' · '}
          {t(`visits.verification.${visit.verification}`)}
          {visit.notes && <> · “{visit.notes}”</>}
        </p>
        {Object.keys(visit.answers).length > 0 && <VisitAnswers visit={visit} />}
        {visit.photoIds.length > 0 && (
          <div className="photos">
            {visit.photoIds.map((photoId, index) => (
              <EvidencePhoto key={photoId} fileId={photoId} alt={t('records.visit.photo', { name: visit.targetName, number: index + 1 })} />
            ))}
          </div>
        )}
      </>
    ),
  };
}
