import { LEAD_STAGES } from '@fieldops/contracts';
import type { EdgeCoordinates } from '@fieldops/geo';
import type { LeadRow } from '../db/lead.repository';
import { canMoveStage } from '../domain/lead-stage';
import { leadSnapshot } from '../events/published';
import { type ReadableDuplicates, shownDuplicateOf } from './shown-duplicates';

/** The public pool shows a masked phone until someone claims the lead: the one rule for REST and RPC alike. */
export function isPhoneMasked(row: LeadRow): boolean {
  return row.owner_id === null;
}

/** The phone as the caller may see it: masked while the lead is in the public pool. */
export function shownPhone(row: LeadRow): string | null {
  return isPhoneMasked(row) ? row.phone_masked : row.phone;
}

/**
 * The API's view of a lead: its event snapshot, but in the public pool the phone is masked until someone claims it,
 * `duplicateOf` only when the caller may read that record, the stages a move may go to (so a screen offers no
 * move the API refuses), and the coordinates are in the client's system (named
 * in `coords`), WGS-84 when no edge is given.
 */
export function toLeadView(row: LeadRow, readable: ReadableDuplicates, edge?: EdgeCoordinates) {
  const snapshot = leadSnapshot(row);
  const point = edge ? edge.toClient({ lat: row.lat, lng: row.lng }) : { lat: row.lat, lng: row.lng };
  return {
    ...snapshot,
    phone: shownPhone(row),
    phoneMasked: isPhoneMasked(row) && row.phone !== null,
    lat: point.lat,
    lng: point.lng,
    coords: edge?.system ?? 'WGS84',
    duplicateOf: shownDuplicateOf(row.duplicate_of, readable),
    conversionReason: row.conversion_reason,
    nextStages: LEAD_STAGES.filter((stage) => canMoveStage(row.stage, stage)),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export type LeadView = ReturnType<typeof toLeadView>;
