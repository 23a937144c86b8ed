import type { Principal } from '@fieldops/platform';
import type { BBox } from '../domain/geometry';

/** A record that lives at a point and belongs to an area (a place, a merchant, a lead…). */
export interface LocatedRecord {
  id: string;
  lat: number;
  lng: number;
}

export interface RecordBatch {
  records: LocatedRecord[];
  /** More records lay in the box than `limit`: the preview is partial for this source. */
  truncated: boolean;
}

/**
 * An owner of located records, asked what lies in a box (WGS-84) so a geometry preview can say what would move.
 * Each owning service is one source, reached through its RPC: places (POI), merchants and leads. Sources are read-only: after the change is
 * applied, each owner re-assigns its own records from `area.area.geometry-changed.v1`.
 */
export interface AreaMoveSource {
  /** The `kind` its moves carry, e.g. `place`. */
  readonly kind: string;
  recordsIn(bbox: BBox, caller: Principal, limit: number): Promise<RecordBatch>;
}
