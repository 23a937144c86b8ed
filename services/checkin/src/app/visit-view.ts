import type { RiskSignal, VisitSnapshot } from '@fieldops/contracts';
import type { CoordinateSystem, EdgeCoordinates } from '@fieldops/geo';
import type { VisitRow } from '../db/visit.repository';
import type { Answer } from '../domain/visit-answers';

/** A visit as the API shows it: the event snapshot, its coordinates in the client's system, and the answers. */
export interface VisitView extends VisitSnapshot {
  coords: CoordinateSystem;
  answers: Record<string, Answer>;
  /** When the server received the check-out (the device's time is checkedOutAt). */
  checkOutReceivedAt: string | null;
  reviewedBy: string | null;
  reviewReason: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (ms: number) => new Date(Number(ms)).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** What events carry: the stored row, WGS-84. */
export function visitSnapshot(row: VisitRow): VisitSnapshot {
  return {
    id: row.id,
    repId: row.rep_id,
    orgUnitId: row.org_unit_id,
    agencyId: row.agency_id,
    country: row.country,
    targetType: row.target_type,
    targetId: row.target_id,
    targetName: row.target_name,
    areaId: row.area_id,
    lat: row.lat,
    lng: row.lng,
    accuracyM: row.accuracy_m,
    distanceM: row.distance_m,
    checkedInAt: iso(row.checked_in_at),
    receivedAt: iso(row.received_at),
    checkedOutAt: isoOrNull(row.checked_out_at),
    dwellSeconds: row.dwell_seconds === null ? null : Number(row.dwell_seconds),
    outcome: row.outcome,
    notes: row.notes,
    followUpAt: isoOrNull(row.follow_up_at),
    photoIds: parseJson<string[]>(row.photo_ids, []),
    riskScore: row.risk_score,
    riskSignals: parseJson<RiskSignal[]>(row.risk_signals, []),
    verification: row.verification,
    version: Number(row.version),
  };
}

export function toVisitView(row: VisitRow, edge: EdgeCoordinates): VisitView {
  const { lat, lng } = edge.toClient({ lat: row.lat, lng: row.lng });
  return {
    ...visitSnapshot(row),
    lat,
    lng,
    coords: edge.system,
    answers: parseJson<Record<string, Answer>>(row.answers, {}),
    checkOutReceivedAt: isoOrNull(row.check_out_received_at),
    reviewedBy: row.reviewed_by,
    reviewReason: row.review_reason,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
