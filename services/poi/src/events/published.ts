import type { PlaceSnapshot, PoiEventData, PoiEventType } from '@fieldops/contracts';
import type { NewEvent } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { PlaceRow } from '../db/place.repository';

/** Builds this service's events; the data shapes are the contracts in @fieldops/contracts. */
function event<T extends PoiEventType>(type: T, subject: string, data: PoiEventData<T>, country?: string, actor?: string) {
  const built: NewEvent<PoiEventData<T>> = { type, subject, data, ...(country ? { country } : {}), ...(actor ? { actor } : {}) };
  return built;
}

export function placeSnapshot(row: PlaceRow): PlaceSnapshot {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    category: row.category,
    phone: row.phone,
    country: row.country,
    lat: row.lat,
    lng: row.lng,
    source: row.source,
    status: row.status,
    mergedInto: row.merged_into,
    areaId: row.area_id,
    version: Number(row.version),
  };
}

export const placeEvents = {
  /** Places an area change moved; the subject is the area, so one area's changes stay in order. */
  areaChanged: (causedBy: { areaId: string; version: number }, changes: { placeId: string; areaId: string | null }[]) =>
    event('poi.places.area-changed.v1', causedBy.areaId, { causedBy, changes }, undefined, 'service:poi'),
  created: (row: PlaceRow, actor: string) => event('poi.place.created.v1', row.id, placeSnapshot(row), row.country, actor),
  updated: (row: PlaceRow, actor: string) => event('poi.place.updated.v1', row.id, placeSnapshot(row), row.country, actor),
  /** The loser's snapshot, pointing at the winner. */
  merged: (loser: PlaceRow, actor: string) => event('poi.place.merged.v1', loser.id, placeSnapshot(loser), loser.country, actor),
  /** One batch of a bulk import; the country is set when every place of the batch is in one. */
  imported: (rows: PlaceRow[], actor: string) => {
    const batchId = uuidv7();
    const countries = new Set(rows.map((r) => r.country));
    const [country] = countries;
    return event(
      'poi.places.imported.v1',
      batchId,
      { batchId, places: rows.map(placeSnapshot) },
      countries.size === 1 ? country : undefined,
      actor,
    );
  },
};
