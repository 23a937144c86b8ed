import type { VisitTargetType } from '@fieldops/contracts';
import type { EdgeCoordinates } from '@fieldops/geo';
import { distanceMeters, roundMetres, roundPoint } from '@fieldops/geo';
import { type Access, AppError, asCaller, isUniqueViolation, UnprocessableError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { CheckinContext } from '../config';
import { type VisitRow, visitRepository } from '../db/visit.repository';
import { riskScoreOf } from '../domain/risk-signal';
import { checkInTimeOf } from '../domain/visit-time';
import { checkinEvents } from '../events/published';
import { applyPendingCheckOut } from './apply-pending-check-out';
import { assessCheckIn } from './assess-check-in';
import { readablePhotos } from './photo-evidence';
import type { CheckinPorts } from './ports';
import { assertSameRequest } from './replay';
import { requestFingerprint } from './request-fingerprint';
import { toVisitView, type VisitView } from './visit-view';

export interface CheckInInput {
  /** The client's UUID for a visit made offline; the server makes one otherwise. */
  id?: string;
  targetType: VisitTargetType;
  targetId: string;
  /** In the client's coordinate system. */
  lat: number;
  lng: number;
  accuracyM: number;
  /** ISO 8601 device time. */
  deviceTime: string;
  mockLocation: boolean;
  /** The app queued this check-in offline and replays it now. */
  offline?: boolean;
  photoIds?: string[];
}

export const REJECT_OUT_OF_RANGE_FLAG = 'checkin.rejectOutOfRange';

/**
 * Checks a rep in at a target: the target as the rep may see it, the distance against the country's radius (reject
 * or flag, per the country's feature flag), the risk signals, the visit row and its event in one transaction. A
 * replay of a stored check-in answers the stored visit (`created: false`). A check-out that arrived first is applied
 * right after.
 */
export async function checkIn(
  ctx: CheckinContext,
  ports: CheckinPorts,
  access: Access,
  input: CheckInInput,
  edge: EdgeCoordinates,
): Promise<{ visit: VisitView; created: boolean }> {
  const fingerprint = requestFingerprint({ ...input, coords: edge.system });
  try {
    return { visit: toVisitView(await recordCheckIn(ctx, ports, access, input, edge, fingerprint), edge), created: true };
  } catch (error) {
    // A check-in the app resends (queued offline, or its answer lost) is known by its id, which it cannot store twice.
    // Looking for it only when this attempt fails spares every first check-in a read; a replay then answers the
    // stored visit whatever this attempt ran into: the id taken, or a target no longer in the rep's scope, or a
    // check-in now too old to record.
    const replayable = isUniqueViolation(error) || (error instanceof AppError && error.status < 500);
    const stored = input.id !== undefined && replayable ? await visitRepository.findById(ctx.db, input.id) : undefined;
    if (!stored) throw error;
    assertSameRequest(
      { visitId: stored.id, repId: stored.rep_id, fingerprint: stored.check_in_fingerprint },
      access.caller,
      fingerprint,
      'check-in',
    );
    return { visit: toVisitView(stored, edge), created: false };
  }
}

/** Records a new visit; answers it as stored, with a check-out that arrived before it applied. */
async function recordCheckIn(
  ctx: CheckinContext,
  ports: CheckinPorts,
  { caller }: Access,
  input: CheckInInput,
  edge: EdgeCoordinates,
  fingerprint: string,
): Promise<VisitRow> {
  const id = input.id ?? uuidv7();
  const receivedAt = ctx.clock.now();
  const deviceTime = Date.parse(input.deviceTime);
  const time = checkInTimeOf({ deviceTime, receivedAt, offline: input.offline === true });
  if (!time.ok) throw new UnprocessableError('The check-in is too old to record.', [{ field: '/body/deviceTime', message: time.reason }]);
  const target = await ports.targets.targetOf(input.targetType, input.targetId, asCaller(caller.token));
  if (!target)
    throw new UnprocessableError('The target was not found.', [{ field: '/body/targetId', message: 'is not a target you can see' }]);
  // The visit is recorded in the rep's country: a target of another (one an admin may see) does not belong in it.
  if (target.country !== caller.country) {
    throw new UnprocessableError('The target is in another country.', [
      { field: '/body/targetId', message: `is in ${target.country}; you work in ${caller.country}` },
    ]);
  }

  const point = roundPoint(edge.toStored({ lat: input.lat, lng: input.lng }));
  const distanceM = roundMetres(distanceMeters(point, target));
  const accuracyM = roundMetres(input.accuracyM);
  const policy = ctx.countries.get(caller.country);
  const radiusM = policy.checkinRadiusMeters;
  // The switch is asked only when it decides something: most check-ins are made within the radius.
  if (
    distanceM > radiusM &&
    (await ctx.flags.getBoolean(REJECT_OUT_OF_RANGE_FLAG, caller.country, policy.checkinOutOfRange === 'reject'))
  ) {
    const message = `is ${Math.round(distanceM)} m from ${target.name}; check-in is allowed within ${radiusM} m`;
    throw new UnprocessableError(`You are ${Math.round(distanceM)} m from the target; the check-in radius is ${radiusM} m.`, [
      { field: '/body/lat', message },
      { field: '/body/lng', message },
    ]);
  }

  const photoIds = [...new Set(input.photoIds ?? [])];
  const photos = await readablePhotos(ports.photos, input.photoIds ?? [], asCaller(caller.token));
  const signals = await assessCheckIn(ctx, {
    repId: caller.userId,
    visitId: id,
    fix: { ...point, accuracyM, at: time.at },
    deviceTime,
    mockLocation: input.mockLocation,
    offline: input.offline === true,
    receivedAt,
    distanceM,
    radiusM,
    requestedPhotoIds: photoIds,
    photos,
  });
  const row: VisitRow = {
    id,
    rep_id: caller.userId,
    org_unit_id: caller.orgUnitId || null,
    agency_id: caller.agencyId,
    country: caller.country,
    area_id: target.areaId,
    target_type: target.type,
    target_id: target.id,
    target_name: target.name,
    target_lat: target.lat,
    target_lng: target.lng,
    lat: point.lat,
    lng: point.lng,
    accuracy_m: accuracyM,
    distance_m: distanceM,
    mock_location: input.mockLocation ? 1 : 0,
    offline: input.offline ? 1 : 0,
    checked_in_at: time.at,
    device_checked_in_at: deviceTime,
    received_at: receivedAt,
    check_in_fingerprint: fingerprint,
    checked_out_at: null,
    check_out_received_at: null,
    check_out_fingerprint: null,
    dwell_seconds: null,
    outcome: null,
    notes: '',
    follow_up_at: null,
    answers: '{}',
    photo_ids: JSON.stringify(photoIds),
    risk_score: riskScoreOf(signals),
    risk_signals: JSON.stringify(signals),
    verification: 'open',
    reviewed_by: null,
    review_reason: null,
    reviewed_at: null,
    version: 1,
    created_at: receivedAt,
    updated_at: receivedAt,
  };
  await ctx.transact(async (trx, events) => {
    await visitRepository.insert(trx, row);
    await visitRepository.insertPhotos(trx, id, photos, receivedAt);
    await events.append(checkinEvents.checkedIn(row));
  });
  // Only a visit whose id the app made can have a check-out that arrived first (sent offline, delivered out of order).
  if (input.id === undefined) return row;
  // The visit is committed: it is the answer. A held check-out that cannot be applied now (the database went away) is
  // left to the sweep (pendingCheckOutsJob); failing here would make the client retry a check-in already made.
  const applied = await applyPendingCheckOut(ctx, ports, id).catch((error: unknown) => {
    ctx.log.warn({ err: error, visitId: id }, 'a held check-out is left to the sweep');
    return undefined;
  });
  return applied ?? row;
}
