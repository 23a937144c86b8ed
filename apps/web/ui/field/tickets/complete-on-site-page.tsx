import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ProblemError } from '../../shared/api/problem';
import { Field, FormError } from '../../shared/forms/field';
import { useFormat } from '../../shared/i18n/format';
import { StatusLine } from '../../shared/status-line';
import { MY_DAY_KEY } from '../my-day/my-day-query';
import { sendOrQueue } from '../offline/sync-outbox';
import { CheckInForm } from '../visit/check-in-form';
import { type OpenVisit, openVisitStore } from '../visit/open-visit';
import { visitLink } from '../visit/visit-link';
import { completionEntry } from './completion-entry';
import { completableOnSite, fieldTicketKey, merchantName, useFieldTicket } from './field-ticket';
import { SignaturePad } from './signature-pad';
import { ticketRefusal } from './ticket-refusal';
import { WorkPhotos } from './work-photos';

type Outcome = 'resolved' | 'review' | 'queued';

/**
 * A ticket completed at its merchant: check in there (the visit is the evidence), photos of the work, the merchant
 * contact's signature, then the completion, sent at once or queued offline behind the check-in. The answer says
 * resolved, or sent to review when the visit was flagged.
 */
export function CompleteOnSitePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const detail = useFieldTicket(id);
  const queryClient = useQueryClient();
  const [visit, setVisit] = useState<OpenVisit | undefined>(() => openVisitStore.read());
  const [checkInMessage, setCheckInMessage] = useState<string | undefined>();
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [signature, setSignature] = useState<Blob | null>(null);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();

  const data = detail.data?.ticketDetail;
  if (!data)
    return <StatusLine loading={detail.isPending} error={detail.error ?? (detail.data ? new Error(t('common.notFound')) : undefined)} />;
  const { ticket } = data;
  const merchant = ticket.merchant;
  const stop = merchant && { type: 'merchant', id: merchant.id, name: merchantName(merchant), lat: merchant.lat, lng: merchant.lng };
  const here = visit !== undefined && stop !== null && visit.targetType === 'merchant' && visit.targetId === stop.id;
  const signer = merchant?.contacts[0]?.name;
  // What the completion still lacks, said once the rep tried to send it, and gone as soon as it is added.
  const missing = [
    ...(photos.length === 0 ? [t('fieldTickets.complete.needsPhoto')] : []),
    ...(signature ? [] : [t('fieldTickets.complete.needsSignature')]),
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!visit || !here) return;
    setTried(true);
    setError(undefined);
    if (missing.length > 0 || !signature) return;
    setBusy(true);
    try {
      const entry = completionEntry({
        id: crypto.randomUUID(),
        createdAt: new Date().toISOString(),
        ticket,
        visitId: visit.id,
        photos,
        signature,
        note,
      });
      const sent = await sendOrQueue(entry);
      setOutcome(sent.queued ? 'queued' : (sent.answer as { state?: string }).state === 'review' ? 'review' : 'resolved');
      if (!sent.queued) {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: fieldTicketKey(id) }),
          queryClient.invalidateQueries({ queryKey: MY_DAY_KEY }),
        ]);
      }
    } catch (failure) {
      setError(
        failure instanceof ProblemError
          ? t('fieldSync.refused.reason', { reason: ticketRefusal(t, failure.problem) })
          : failure instanceof Error
            ? failure.message
            : String(failure),
      );
    } finally {
      setBusy(false);
    }
  }

  if (outcome && stop) {
    return (
      <section>
        <h1>{ticket.title}</h1>
        <p role="status" className={outcome === 'review' ? 'warning' : undefined}>
          {t(`fieldTickets.complete.${outcome}`)}
        </p>
        <div className="stop-actions">
          <Link className="button" to={visitLink(stop)}>
            {t('fieldTickets.complete.checkOut')}
          </Link>
          <Link className="button secondary" to="/tickets">
            {t('fieldTickets.detail.back')}
          </Link>
        </div>
      </section>
    );
  }

  return (
    <section>
      <p>
        <Link to={`/tickets/${ticket.id}`}>← {ticket.title}</Link>
      </p>
      <h1>{t('fieldTickets.complete.title')}</h1>
      {!stop || !completableOnSite(ticket) ? (
        <p>{ticket.state === 'review' ? t('fieldTickets.detail.inReview') : t('fieldTickets.detail.notOnSite')}</p>
      ) : (
        <>
          <h2>{t('fieldTickets.complete.checkIn')}</h2>
          {here && visit ? (
            <p role="status">
              {checkInMessage ? `${checkInMessage} ` : ''}
              {t('fieldTickets.complete.checkedIn', { name: visit.targetName, time: format.dateTime(visit.checkedInAt) })}
            </p>
          ) : visit ? (
            <div className="warning" role="alert">
              <p>{t('fieldTickets.complete.otherOpen', { name: visit.targetName })}</p>
              <Link
                className="button"
                to={`/visit/${visit.targetType}/${visit.targetId}?${new URLSearchParams({ name: visit.targetName })}`}
              >
                {t('records.field.continue', { name: visit.targetName })}
              </Link>
            </div>
          ) : (
            <CheckInForm
              target={stop}
              onCheckedIn={(opened, said, outcome) => {
                setVisit(opened);
                // "Checked in." is what the line below says already; flagged or queued is news.
                setCheckInMessage(outcome === 'checked-in' ? undefined : said);
              }}
            />
          )}
          {here && (
            <form onSubmit={submit} noValidate aria-label={t('fieldTickets.complete.title')}>
              <h2>{t('fieldTickets.complete.photos')}</h2>
              <WorkPhotos photos={photos} onChange={setPhotos} />
              <SignaturePad signer={signer} onChange={setSignature} />
              <Field label={t('fieldTickets.complete.note')} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
              <FormError message={[...(tried ? missing : []), ...(error ? [error] : [])].join(' ') || undefined} />
              <button type="submit" disabled={busy}>
                {t('fieldTickets.complete.submit')}
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
