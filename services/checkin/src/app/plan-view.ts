import type { DayPlanSnapshot, PlanStop } from '@fieldops/contracts';
import type { CoordinateSystem, EdgeCoordinates } from '@fieldops/geo';
import type { DayPlanRow } from '../db/day-plan.repository';
import { parseJson } from './visit-view';

export interface DayPlanView extends DayPlanSnapshot {
  coords: CoordinateSystem;
  updatedAt: string;
}

export function planSnapshot(row: DayPlanRow): DayPlanSnapshot {
  return {
    id: row.id,
    repId: row.rep_id,
    orgUnitId: row.org_unit_id,
    agencyId: row.agency_id,
    country: row.country,
    date: row.plan_date,
    stops: parseJson<PlanStop[]>(row.stops, []),
    totalDistanceM: row.total_distance_m,
    travelSeconds: Number(row.travel_seconds),
    version: Number(row.version),
  };
}

export function toPlanView(row: DayPlanRow, edge: EdgeCoordinates): DayPlanView {
  const snapshot = planSnapshot(row);
  return {
    ...snapshot,
    stops: snapshot.stops.map((stop) => ({ ...stop, ...edge.toClient({ lat: stop.lat, lng: stop.lng }) })),
    coords: edge.system,
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}
