import type { PlanStop, VisitTargetType } from '@fieldops/contracts';
import { isCalendarDate, localTimeToEpoch } from '@fieldops/countries';
import type { EdgeCoordinates, LatLng } from '@fieldops/geo';
import { type Access, asCaller, ConflictError, type FieldProblem, UnprocessableError, ValidationError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import { type CheckinContext, PLANNED_VISIT_MINUTES } from '../config';
import { type DayPlanRow, dayPlanRepository } from '../db/day-plan.repository';
import { optimiseRoute, type RouteStop } from '../domain/route-optimiser';
import { checkinEvents } from '../events/published';
import { planRepOf } from './plan-rep';
import { planSnapshot } from './plan-view';
import type { CheckinPorts } from './ports';

export interface DayPlanInput {
  stops: { targetType: VisitTargetType; targetId: string; appointmentAt?: string }[];
  /** Where the day starts (client coordinates); the first listed stop when left out. */
  start?: LatLng;
  /** ISO time the day starts; the country's working-hours start on that date when left out. */
  startAt?: string;
}

/**
 * Sets a rep's plan for a day: each stop resolved as the caller may see it, ordered by the route optimiser
 * (nearest neighbour + 2-opt, appointments kept), with total distance and travel time at the country's speed.
 */
export async function setDayPlan(
  ctx: CheckinContext,
  ports: CheckinPorts,
  { caller }: Access,
  date: string,
  repId: string | undefined,
  input: DayPlanInput,
  edge: EdgeCoordinates,
): Promise<DayPlanRow> {
  if (!isCalendarDate(date)) throw new ValidationError([{ field: '/params/date', message: 'is not a YYYY-MM-DD date' }]);
  const rep = await planRepOf(ctx, caller, repId);
  const policy = ctx.countries.get(rep.country);
  const targets = await Promise.all(input.stops.map((s) => ports.targets.targetOf(s.targetType, s.targetId, asCaller(caller.token))));
  const problems: FieldProblem[] = [];
  targets.forEach((t, i) => {
    if (!t) problems.push({ field: `/body/stops/${i}/targetId`, message: 'is not a target you can see' });
  });
  if (problems.length > 0) throw new UnprocessableError('Some stops are not targets you can see.', problems);
  const requested = input.stops.flatMap((stop, i) => {
    const target = targets[i];
    return target ? [{ target, appointmentAt: stop.appointmentAt ? Date.parse(stop.appointmentAt) : null }] : [];
  });
  const stops: RouteStop[] = requested.map(({ target, appointmentAt }, i) => ({
    key: String(i),
    lat: target.lat,
    lng: target.lng,
    appointmentAt,
  }));
  const first = requested[0]?.target;
  const start = input.start ? edge.toStored(input.start) : { lat: first?.lat ?? 0, lng: first?.lng ?? 0 };
  const startAt = input.startAt ? Date.parse(input.startAt) : localTimeToEpoch(date, policy.workingHours.start, policy.timezone);
  const route = optimiseRoute({ start, startAt, stops, speedMps: policy.travelSpeedKmh / 3.6, visitMs: PLANNED_VISIT_MINUTES * 60_000 });
  const planned: PlanStop[] = route.stops.flatMap(({ stop, arriveAt, late }) => {
    const target = requested[Number(stop.key)]?.target;
    if (!target) return [];
    return [
      {
        targetType: target.type,
        targetId: target.id,
        targetName: target.name,
        lat: target.lat,
        lng: target.lng,
        appointmentAt: stop.appointmentAt === null ? null : new Date(stop.appointmentAt).toISOString(),
        arriveAt: new Date(arriveAt).toISOString(),
        late,
      },
    ];
  });

  const now = ctx.clock.now();
  const existing = await dayPlanRepository.find(ctx.db, rep.id, date);
  const changes = {
    stops: JSON.stringify(planned),
    total_distance_m: Math.round(route.totalDistanceM),
    travel_seconds: route.travelSeconds,
    updated_at: now,
  };
  const row: DayPlanRow = existing
    ? { ...existing, ...changes, version: Number(existing.version) + 1 }
    : {
        id: uuidv7(),
        rep_id: rep.id,
        plan_date: date,
        country: rep.country,
        org_unit_id: rep.orgUnitId,
        agency_id: rep.agencyId,
        ...changes,
        version: 1,
        created_at: now,
      };
  await ctx.transact(async (trx, events) => {
    if (existing) {
      if (!(await dayPlanRepository.update(trx, existing.id, Number(existing.version), changes))) {
        throw new ConflictError('The plan changed meanwhile; send it again.');
      }
    } else {
      await dayPlanRepository.insert(trx, row);
    }
    await events.append(checkinEvents.planUpdated(planSnapshot(row), caller.userId));
  });
  return row;
}
