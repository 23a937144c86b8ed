import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';
import { useFormat } from '../../shared/i18n/format';
import { useSession } from '../../shared/session/session';
import { serverTimeOf } from '../offline/device-clock';
import { sendOrQueue } from '../offline/sync-outbox';
import { metresBetween, usePosition } from '../offline/use-position';
import { type OpenVisit, openVisitStore } from './open-visit';
import { PhotoInput } from './photo-input';

type TargetType = 'merchant' | 'lead' | 'place';

/** How a check-in went: taken, taken with the far-from-target signal that will flag it, or queued offline. */
export type CheckInOutcome = 'checked-in' | 'flagged' | 'queued';

/** What the checkin service answers a check-in with (the fields this form reads). */
interface CheckInAnswer {
  riskSignals: { code: string }[];
  /** The server's time of the check-in (its own clock, or an offline device time it bounded). */
  checkedInAt: string;
}

/**
 * The check-in at a target: the device's position and distance, a photo from the camera, sent at once or queued
 * offline. The visit it opens is kept on the phone; `onCheckedIn` hears it with how it went and what to tell the rep.
 */
export function CheckInForm({
  target,
  onCheckedIn,
}: {
  target: { type: string; id: string; name: string; lat: number; lng: number };
  onCheckedIn(visit: OpenVisit, message: string, outcome: CheckInOutcome): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const { position, error: positionError } = usePosition();
  const [photo, setPhoto] = useState<Blob | null>(null);
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
          targetType: target.type as TargetType,
          targetId: target.id,
          lat: position.lat,
          lng: position.lng,
          accuracyM: position.accuracyM,
          deviceTime: checkedInAt,
          mockLocation: false,
        },
      });
      const answer = sent.queued ? undefined : (sent.answer as CheckInAnswer);
      // The visit is dated by the server; a queued one by the phone, corrected by how far ahead its clock is known to run.
      const visit = {
        id,
        targetType: target.type,
        targetId: target.id,
        targetName: target.name,
        checkedInAt: answer?.checkedInAt ?? serverTimeOf(checkedInAt),
      };
      openVisitStore.write(visit);
      // The verdict comes at check-out; a check-in out of range already carries the signal that will flag it.
      const far = answer?.riskSignals.some((signal) => signal.code === 'far-from-target') ?? false;
      const outcome: CheckInOutcome = sent.queued ? 'queued' : far ? 'flagged' : 'checked-in';
      const said = { queued: t('field.visit.queued'), flagged: t('field.visit.flagged'), 'checked-in': t('field.visit.checkedIn') };
      onCheckedIn(visit, said[outcome], outcome);
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }

  return (
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
      <PhotoInput onChange={setPhoto} />
      <FormError message={checkInProblem} />
      <button type="submit" disabled={busy || !position}>
        {t('field.visit.checkIn')}
      </button>
    </form>
  );
}
