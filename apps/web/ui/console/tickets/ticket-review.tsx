import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { Field, FormError } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import { EvidencePhoto } from '../../shared/visits/evidence-photo';
import { useVisit } from '../../shared/visits/use-visit';
import { VisitEvidence } from '../../shared/visits/visit-evidence';

/** What a completion on site kept in the ticket's history (the tickets service writes it). */
export interface OnSiteEvidence {
  visitId: string;
  photoIds: string[];
  signatureFileId: string;
}

/** The evidence of the latest completion on site in a timeline (newest first), if the ticket has one. */
export function onSiteEvidenceOf(timeline: { kind: string; detail: string }[]): OnSiteEvidence | undefined {
  const entry = timeline.find((e) => e.kind === 'completed-on-site');
  if (!entry) return undefined;
  const detail = JSON.parse(entry.detail) as Partial<OnSiteEvidence>;
  if (typeof detail.visitId !== 'string' || typeof detail.signatureFileId !== 'string') return undefined;
  return { visitId: detail.visitId, photoIds: detail.photoIds ?? [], signatureFileId: detail.signatureFileId };
}

/**
 * A ticket completed on site with a flagged visit: the visit as the visit review shows it (risk signals in words),
 * the photos of the work and the merchant's signature (each opens large), and — for a reviewer only — approve, or
 * reject with the reason the rep needs to redo the work.
 */
export function TicketReview({ ticketId, evidence, onDecided }: { ticketId: string; evidence: OnSiteEvidence; onDecided: () => unknown }) {
  const { t } = useTranslation();
  const session = useSession();
  const visit = useVisit(evidence.visitId);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, report, clear] = useFormProblem();
  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(true);
    clear();
    try {
      const body = reason.trim() ? { decision, reason: reason.trim() } : { decision };
      await answerOf(rest.POST('/api/v1/tickets/{id}/review', { params: { path: { id: ticketId } }, body }));
      setReason('');
      await onDecided();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="ticket-review" aria-labelledby="ticket-review-title">
      <h2 id="ticket-review-title">{t('tickets.review.title')}</h2>
      <p className="warning">{t('tickets.review.why')}</p>
      <h3>
        <Link to={`/visits/${evidence.visitId}`}>{t('tickets.review.visit')}</Link>
      </h3>
      {visit.data ? <VisitEvidence visit={visit.data} /> : <StatusLine loading={visit.isPending} error={visit.error} />}
      <h3>{t('tickets.review.photos')}</h3>
      {evidence.photoIds.length === 0 ? (
        <p>{t('records.visit.noPhotos')}</p>
      ) : (
        <div className="photos">
          {evidence.photoIds.map((fileId, index) => (
            <EvidencePhoto key={fileId} fileId={fileId} alt={t('tickets.review.photo', { number: index + 1 })} />
          ))}
        </div>
      )}
      <h3>{t('tickets.review.signature')}</h3>
      <div className="photos">
        <EvidencePhoto fileId={evidence.signatureFileId} alt={t('tickets.review.signature')} />
      </div>
      {session.can('ticket:review') && (
        <div className="review-decision">
          <Field
            label={t('tickets.review.reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={problem.fields.reason}
            maxLength={1000}
          />
          <FormError message={problem.message} />
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void decide('approve')}>
              {t('tickets.review.approve')}
            </button>
            <button type="button" className="secondary" disabled={busy || !reason.trim()} onClick={() => void decide('reject')}>
              {t('tickets.review.reject')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
