import type { RiskSignal, VisitOutcome } from '@fieldops/contracts';
import { ConflictError, UnprocessableError } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { CheckinContext } from '../config';
import type { CheckinDb } from '../db/schema';
import { type VisitRow, visitRepository } from '../db/visit.repository';
import { photoSignals } from '../domain/assess-visit';
import { REUSED_VISITS_NAMED } from '../domain/photo-signals';
import { riskScoreOf, verificationOf } from '../domain/risk-signal';
import { type Answer, answerProblems } from '../domain/visit-answers';
import { checkOutTimeOf } from '../domain/visit-time';
import { checkinEvents } from '../events/published';
import type { CheckinPorts } from './ports';
import { parseJson } from './visit-view';

export interface CheckOutInput {
  /** ISO 8601 device time. */
  deviceTime: string;
  outcome: VisitOutcome;
  notes: string;
  followUpAt?: string;
  photoIds?: string[];
  answers: Record<string, Answer>;
}

/**
 * Closes an open visit: answers checked against the country's template for the visit type, dwell time from the two
 * recorded times (see domain/visit-time), the photo signals of the check-out photos, and the verdict: pending-review (and a flagged event) when
 * the score reaches the country's threshold, verified otherwise. `alsoInTransaction` runs in the same transaction
 * (removing the held check-out it came from).
 */
export async function applyCheckOut(
  ctx: CheckinContext,
  ports: CheckinPorts,
  visit: VisitRow,
  input: CheckOutInput,
  fingerprint: string,
  receivedAt: number,
  alsoInTransaction?: (trx: Transaction<CheckinDb>) => Promise<void>,
): Promise<VisitRow> {
  const policy = ctx.countries.get(visit.country);
  const problems = answerProblems(policy.visitTemplates[visit.target_type], input.answers);
  const checkedOutAt = checkOutTimeOf(Date.parse(input.deviceTime), receivedAt);
  if (checkedOutAt < Number(visit.checked_in_at)) problems.push({ field: '/body/deviceTime', message: 'is before the check-in' });
  if (problems.length > 0) throw new UnprocessableError('The check-out has invalid fields.', problems);

  const known = parseJson<string[]>(visit.photo_ids, []);
  const added = [...new Set(input.photoIds ?? [])].filter((id) => !known.includes(id));
  // The rep's read of these photos was checked when the check-out arrived; this reads their evidence as the system.
  const photos = await ports.photos.photoEvidenceOf(added, await ctx.asService());
  const reusedOn = await visitRepository.visitsWithPhotos(
    ctx.db,
    photos.map((p) => p.sha256),
    visit.id,
    REUSED_VISITS_NAMED + 1,
  );
  const signals: RiskSignal[] = [
    ...parseJson<RiskSignal[]>(visit.risk_signals, []),
    ...photoSignals({
      requested: added,
      photos,
      reusedOn,
      window: { from: Number(visit.checked_in_at), to: checkedOutAt },
      checkIn: { lat: visit.lat, lng: visit.lng },
    }),
  ];
  const score = riskScoreOf(signals);
  const changes = {
    checked_out_at: checkedOutAt,
    check_out_received_at: receivedAt,
    check_out_fingerprint: fingerprint,
    dwell_seconds: Math.round((checkedOutAt - Number(visit.checked_in_at)) / 1000),
    outcome: input.outcome,
    notes: input.notes,
    follow_up_at: input.followUpAt ? Date.parse(input.followUpAt) : null,
    answers: JSON.stringify(input.answers),
    photo_ids: JSON.stringify([...known, ...added]),
    risk_score: score,
    risk_signals: JSON.stringify(signals),
    verification: verificationOf(score, policy.visitReviewThreshold),
    updated_at: receivedAt,
  } satisfies Partial<VisitRow>;
  const updated: VisitRow = { ...visit, ...changes, version: Number(visit.version) + 1 };
  await ctx.transact(async (trx, events) => {
    if (!(await visitRepository.update(trx, visit.id, Number(visit.version), changes))) {
      throw new ConflictError('The visit changed while it was being checked out; send the check-out again.');
    }
    await visitRepository.insertPhotos(trx, visit.id, photos, receivedAt);
    await alsoInTransaction?.(trx);
    await events.append(checkinEvents.checkedOut(updated));
    if (updated.verification === 'pending-review') await events.append(checkinEvents.flagged(updated));
  });
  return updated;
}
