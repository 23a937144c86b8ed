import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Field, FormError, SelectField } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';
import { useFormat } from '../../shared/i18n/format';
import { CampaignOffers } from '../campaigns/campaign-offer';
import { ClockWarning } from '../offline/clock-warning';
import type { CheckOutBody } from '../offline/outbox';
import { sendOrQueue } from '../offline/sync-outbox';
import { CheckInForm } from './check-in-form';
import { type OpenVisit, openVisitStore } from './open-visit';
import { OPEN_VISITS_KEY, ServerOpenVisit, useServerOpenVisit } from './server-open-visit';
import { VisitQuestions } from './visit-questions';
import { type Answer, initialAnswers, visitTargetOf, visitTemplate } from './visit-template';

const OUTCOMES = ['met-owner', 'met-staff', 'closed', 'not-interested', 'interested', 'signed', 'other'] as const;

/** Check in at a target with the device's position and a photo from the camera, then check out with the visit template. */
export function VisitPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { targetType = 'merchant', targetId = '' } = useParams();
  const [params] = useSearchParams();
  const target = { name: params.get('name') ?? '', lat: Number(params.get('lat')), lng: Number(params.get('lng')) };
  const [open, setOpen] = useState<OpenVisit | undefined>(() => openVisitStore.read());
  const serverOpen = useServerOpenVisit();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<CheckOutBody['outcome']>('met-owner');
  const [notes, setNotes] = useState('');
  const [followUp, setFollowUp] = useState('');
  const template = useQuery({
    queryKey: ['visit-template', open?.targetType ?? targetType],
    queryFn: () => visitTemplate(visitTargetOf(open?.targetType ?? targetType)),
    networkMode: 'always',
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  useEffect(() => {
    if (template.data) setAnswers(initialAnswers(template.data));
  }, [template.data]);
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [problem, report, clear] = useFormProblem();

  async function checkOut(event: FormEvent) {
    event.preventDefault();
    if (!open) return;
    setBusy(true);
    clear();
    try {
      const sent = await sendOrQueue({
        kind: 'check-out',
        id: crypto.randomUUID(),
        createdAt: new Date().toISOString(),
        title: open.targetName,
        state: 'pending',
        visitId: open.id,
        target: { type: open.targetType, id: open.targetId, checkedInAt: open.checkedInAt },
        body: {
          outcome,
          notes,
          deviceTime: new Date().toISOString(),
          answers,
          ...(followUp ? { followUpAt: new Date(followUp).toISOString() } : {}),
        },
      });
      openVisitStore.clear();
      setOpen(undefined);
      void queryClient.invalidateQueries({ queryKey: OPEN_VISITS_KEY });
      const review = !sent.queued && (sent.answer as { verification?: string }).verification === 'pending-review';
      setMessage(sent.queued ? t('field.visit.queued') : review ? t('field.visit.checkedOutForReview') : t('field.visit.checkedOut'));
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }

  // A visit the server holds open and this phone did not know: continue it, or leave it and check in here.
  if (!open && serverOpen.visit) {
    return (
      <section>
        <h1>{target.name || serverOpen.visit.targetName}</h1>
        <ClockWarning />
        <ServerOpenVisit
          visit={serverOpen.visit}
          here={targetId}
          onContinue={() => setOpen(openVisitStore.read())}
          onDiscard={() => serverOpen.visit && serverOpen.dismiss(serverOpen.visit.id)}
        />
      </section>
    );
  }

  // A visit still open elsewhere is never checked out from another stop's button: the rep picks what to do.
  if (open && open.targetId !== targetId) {
    return (
      <section>
        <h1>{target.name}</h1>
        <div className="warning" role="alert">
          <p>{t('records.field.otherOpen', { name: open.targetName, time: format.dateTime(open.checkedInAt) })}</p>
          <div className="actions">
            <Link className="button" to={`/visit/${open.targetType}/${open.targetId}?name=${encodeURIComponent(open.targetName)}`}>
              {t('records.field.continue', { name: open.targetName })}
            </Link>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                openVisitStore.clear();
                setOpen(undefined);
              }}
            >
              {t('records.field.discard')}
            </button>
          </div>
        </div>
      </section>
    );
  }

  return (
    <section>
      <h1>{open ? open.targetName : target.name}</h1>
      <ClockWarning />
      {message && <p role="status">{message}</p>}
      {open?.targetType === 'merchant' && <CampaignOffers merchantId={open.targetId} visitId={open.id} />}
      {open ? (
        <form onSubmit={checkOut} noValidate aria-label={t('field.visit.checkOut')}>
          <p>{t('field.visit.since', { time: format.dateTime(open.checkedInAt) })}</p>
          <SelectField
            label={t('field.visit.outcome')}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as CheckOutBody['outcome'])}
            error={problem.fields.outcome}
          >
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`field.visit.outcomes.${o}`)}
              </option>
            ))}
          </SelectField>
          <Field label={t('field.visit.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} error={problem.fields.notes} />
          <Field
            label={t('field.visit.followUp')}
            type="date"
            value={followUp}
            onChange={(e) => setFollowUp(e.target.value)}
            error={problem.fields.followUpAt}
          />
          {template.data && <VisitQuestions questions={template.data} answers={answers} onChange={setAnswers} errors={problem.fields} />}
          <FormError message={problem.message ?? template.error?.message} />
          <button type="submit" disabled={busy || !template.data}>
            {t('field.visit.checkOut')}
          </button>
        </form>
      ) : (
        <CheckInForm
          target={{ type: targetType, id: targetId, ...target }}
          onCheckedIn={(visit, said) => {
            setOpen(visit);
            setMessage(said);
          }}
        />
      )}
    </section>
  );
}
