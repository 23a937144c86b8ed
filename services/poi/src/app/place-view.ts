import type { CoordinateSystem, EdgeCoordinates } from '@fieldops/geo';
import type { PlaceRow } from '../db/place.repository';
import { placeSnapshot } from '../events/published';

/** A place as the API shows it, its coordinates in the client's system (named in `coords`). */
export interface PlaceView {
  id: string;
  name: string;
  address: string;
  category: PlaceRow['category'];
  phone: string | null;
  country: string;
  lat: number;
  lng: number;
  coords: CoordinateSystem;
  source: PlaceRow['source'];
  status: PlaceRow['status'];
  /** Set when the place was merged into another: follow it. */
  mergedInto: string | null;
  areaId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export function toPlaceView(row: PlaceRow, edge: EdgeCoordinates): PlaceView {
  const { lat, lng } = edge.toClient({ lat: row.lat, lng: row.lng });
  return {
    ...placeSnapshot(row),
    lat,
    lng,
    coords: edge.system,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
