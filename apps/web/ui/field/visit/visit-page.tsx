import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Field, FormError, SelectField } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';
import { useFormat } from '../../shared/i18n/format';
import { useSession } from '../../shared/session/session';
import type { CheckOutBody } from '../offline/outbox';
import { sendOrQueue } from '../offline/sync-outbox';
import { metresBetween, usePosition } from '../offline/use-position';
import { type OpenVisit, openVisitStore } from './open-visit';
import { VisitQuestions } from './visit-questions';
import { type Answer, initialAnswers, visitTargetOf, visitTemplate } from './visit-template';

const OUTCOMES = ['met-owner', 'met-staff', 'closed', 'not-interested', 'interested', 'signed', 'other'] as const;
type TargetType = 'merchant' | 'lead' | 'place';

/** What the checkin service answers a check-in with (the fields this screen reads). */
interface CheckInAnswer {
  riskSignals: { code: string }[];
}

/** Check in at a target with the device's position and a photo from the camera, then check out with the visit template. */
export function VisitPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const { targetType = 'merchant', targetId = '' } = useParams();
  const [params] = useSearchParams();
  const target = { name: params.get('name') ?? '', lat: Number(params.get('lat')), lng: Number(params.get('lng')) };
  const { position, error: positionError } = usePosition();
  const [photo, setPhoto] = useState<File | null>(null);
  const [open, setOpen] = useState<OpenVisit | undefined>(() => openVisitStore.read());
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
  const distance = position ? metresBetween(position, target) : undefined;
  const radius = session.country?.checkinRadiusMeters;
  // A refused position (lat/lng, which have no input here) is said in the rep's language; other problems as sent.
  const checkInProblem =
    problem.fields.lat && distance !== undefined && radius !== undefined
      ? t('field.visit.tooFar', { distance: format.distance(distance), radius: format.distance(radius) })
      : (problem.message ?? [...new Set(Object.values(problem.fields))].join('; '));

  async function checkIn(event: FormEvent) {
    event.preventDefault();
    if (!position) return;
    setBusy(true);
    clear();
    const id = crypto.randomUUID();
    const checkedInAt = new Date().toISOString();
    try {
      const sent = await sendOrQueue({
        kind: 'check-in',
        id,
        createdAt: checkedInAt,
        title: target.name,
        state: 'pending',
        photo,
        body: {
          id,
          targetType: targetType as TargetType,
          targetId,
          lat: position.lat,
          lng: position.lng,
          accuracyM: position.accuracyM,
          deviceTime: checkedInAt,
          mockLocation: false,
        },
      });
      const visit = { id, targetType, targetId, targetName: target.name, checkedInAt };
      openVisitStore.write(visit);
      setOpen(visit);
      // The verdict comes at check-out; a check-in out of range already carries the signal that will flag it.
      const far = !sent.queued && (sent.answer as CheckInAnswer).riskSignals.some((signal) => signal.code === 'far-from-target');
      setMessage(sent.queued ? t('field.visit.queued') : far ? t('field.visit.flagged') : t('field.visit.checkedIn'));
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }

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
      const review = !sent.queued && (sent.answer as { verification?: string }).verification === 'pending-review';
      setMessage(sent.queued ? t('field.visit.queued') : review ? t('field.visit.checkedOutForReview') : t('field.visit.checkedOut'));
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
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
      {message && <p role="status">{message}</p>}
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
        <form onSubmit={checkIn} noValidate aria-label={t('field.visit.checkIn')}>
          <p className="muted">
            {distance !== undefined
              ? t('field.visit.distance', { distance: format.distance(distance) })
              : (positionError ?? t('field.locating'))}
            {distance !== undefined &&
              radius !== undefined &&
              distance > radius &&
              ` · ${t('field.visit.outOfRange', { radius: format.distance(radius) })}`}
          </p>
          <div className="field">
            <label htmlFor="visit-photo">{t('field.visit.photo')}</label>
            <input
              id="visit-photo"
              type="file"
              accept="image/*"
              capture="environment"
              onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
            />
          </div>
          <FormError message={checkInProblem} />
          <button type="submit" disabled={busy || !position}>
            {t('field.visit.checkIn')}
          </button>
        </form>
      )}
    </section>
  );
}
