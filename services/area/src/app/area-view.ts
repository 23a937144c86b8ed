import { type CoordinateSystem, edgeCoordinates } from '@fieldops/geo';
import type { AreaRow } from '../db/area.repository';
import type { AreaKind } from '../domain/area-kind';
import { type AreaGeometry, type BBox, bboxOf, geometryToClient } from '../domain/geometry';
import { areaSnapshot, rowBBox } from '../events/published';

/** An area as the API shows it, in the caller's coordinate system. The materialised path stays inside. */
export interface AreaView {
  id: string;
  parentId: string | null;
  kind: AreaKind;
  name: string;
  code: string;
  country: string;
  priority: number;
  orgUnitId: string | null;
  /** Left out of lists unless asked for. */
  geometry?: AreaGeometry;
  bbox: BBox;
  coords: CoordinateSystem;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export function toAreaView(row: AreaRow, coords: CoordinateSystem, withGeometry = true): AreaView {
  const stored = JSON.parse(row.geometry) as AreaGeometry;
  const geometry = geometryToClient(stored, edgeCoordinates(coords));
  return {
    ...areaSnapshot(row),
    ...(withGeometry ? { geometry } : {}),
    bbox: coords === 'WGS84' ? rowBBox(row) : bboxOf(geometry),
    coords,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
