import Flatbush from 'flatbush';
import type { AreaKind } from './area-kind';
import { compareCandidates, type Ranked } from './area-precedence';
import { type AreaGeometry, areaSquareMetres, type BBox, bboxOf, type LatLng } from './geometry';
import { geometryContains } from './point-in-polygon';

/** An area as the spatial index holds it: geometry already parsed. */
export interface IndexedArea extends Ranked {
  parentId: string | null;
  name: string;
  kind: AreaKind;
  country: string;
  version: number;
  geometry: AreaGeometry;
  bbox: BBox;
}

export interface PathStep {
  id: string;
  name: string;
  kind: AreaKind;
}

export interface Resolution {
  areaId: string;
  /** The country the area belongs to (ISO 3166-1 alpha-2). */
  country: string;
  /** From the root (the country) down to the area that won. */
  path: PathStep[];
}

export function indexedArea(fields: Omit<IndexedArea, 'bbox' | 'areaM2'>): IndexedArea {
  return { ...fields, bbox: bboxOf(fields.geometry), areaM2: areaSquareMetres(fields.geometry) };
}

/**
 * An immutable spatial index: flatbush (a packed Hilbert R-tree) over the areas' bounding boxes, then an exact
 * point-in-polygon test on the few whose box holds the point. A change makes a new index; readers holding the old
 * one finish undisturbed.
 */
export class AreaIndex {
  private readonly tree: Flatbush | undefined;
  private readonly byId: Map<string, IndexedArea>;

  constructor(private readonly areas: IndexedArea[]) {
    this.byId = new Map(areas.map((a) => [a.id, a]));
    if (areas.length > 0) {
      const tree = new Flatbush(areas.length);
      for (const { bbox } of areas) tree.add(bbox[0], bbox[1], bbox[2], bbox[3]);
      tree.finish();
      this.tree = tree;
    }
  }

  get size(): number {
    return this.areas.length;
  }

  get(id: string): IndexedArea | undefined {
    return this.byId.get(id);
  }

  all(): readonly IndexedArea[] {
    return this.areas;
  }

  /** Every area whose polygon holds the point. */
  containing({ lat, lng }: LatLng): IndexedArea[] {
    if (!this.tree) return [];
    const hits = this.tree.search(lng, lat, lng, lat);
    return hits.flatMap((i) => {
      const area = this.areas[i];
      return area && geometryContains(area.geometry, [lng, lat]) ? [area] : [];
    });
  }

  /** Areas whose bounding box meets `bbox`. */
  inBox(bbox: BBox): IndexedArea[] {
    if (!this.tree) return [];
    return this.tree.search(bbox[0], bbox[1], bbox[2], bbox[3]).flatMap((i) => {
      const area = this.areas[i];
      return area ? [area] : [];
    });
  }

  /** The most specific area holding the point (see compareCandidates), with its path; null outside every area. */
  resolve(point: LatLng): Resolution | null {
    const candidates = this.containing(point);
    const lookup = (id: string) => this.byId.get(id);
    const best = candidates.sort((a, b) => compareCandidates(a, b, lookup))[0];
    if (!best) return null;
    const path = best.pathIds.flatMap((id) => {
      const step = this.byId.get(id);
      return step ? [{ id: step.id, name: step.name, kind: step.kind }] : [];
    });
    return { areaId: best.id, country: best.country, path };
  }

  /** This index with one area's geometry replaced (for previews), or with one area added, changed or removed. */
  with(change: { put: IndexedArea } | { remove: string }): AreaIndex {
    const id = 'put' in change ? change.put.id : change.remove;
    const rest = this.areas.filter((a) => a.id !== id);
    return new AreaIndex('put' in change ? [...rest, change.put] : rest);
  }
}
