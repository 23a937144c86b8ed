import type { IndexedArea } from './area-index';
import { compareSiblings } from './area-precedence';
import { bboxSquareMetres, intersectBBox } from './geometry';
import { geometryContains } from './point-in-polygon';

export interface SiblingOverlap {
  a: IndexedArea;
  b: IndexedArea;
  /** Approximate: sampled on a grid over the boxes' intersection. */
  overlapM2: number;
  /** The overlap as a share of the smaller area (0–1). */
  ratioOfSmaller: number;
  winner: IndexedArea;
}

/**
 * Estimates how much two areas overlap by testing the centres of a `grid`×`grid` lattice over the intersection of
 * their boxes. An overlap thinner than one cell (the slivers of a few metres that simplified shared borders leave)
 * usually finds no sample and is not reported, which is what a validation report wants.
 */
export function estimateOverlap(a: IndexedArea, b: IndexedArea, grid = 32): { overlapM2: number; ratioOfSmaller: number } | undefined {
  const box = intersectBBox(a.bbox, b.bbox);
  if (!box) return undefined;
  const [minLng, minLat, maxLng, maxLat] = box;
  const stepLng = (maxLng - minLng) / grid;
  const stepLat = (maxLat - minLat) / grid;
  let hits = 0;
  for (let i = 0; i < grid; i++) {
    for (let j = 0; j < grid; j++) {
      const point: [number, number] = [minLng + (i + 0.5) * stepLng, minLat + (j + 0.5) * stepLat];
      if (geometryContains(a.geometry, point) && geometryContains(b.geometry, point)) hits++;
    }
  }
  if (hits === 0) return undefined;
  const overlapM2 = (hits / (grid * grid)) * bboxSquareMetres(box);
  const smaller = Math.min(a.areaM2, b.areaM2);
  return { overlapM2, ratioOfSmaller: smaller > 0 ? Math.min(1, overlapM2 / smaller) : 0 };
}

/** Every pair of siblings (same parent) among `areas` that overlap, each with the one that wins where they do. */
export function siblingOverlaps(areas: readonly IndexedArea[], grid = 32): SiblingOverlap[] {
  const byParent = new Map<string, IndexedArea[]>();
  for (const area of areas) {
    const key = `${area.country}:${area.parentId ?? ''}`;
    byParent.set(key, [...(byParent.get(key) ?? []), area]);
  }
  const found: SiblingOverlap[] = [];
  for (const siblings of byParent.values()) {
    for (let i = 0; i < siblings.length; i++) {
      for (let j = i + 1; j < siblings.length; j++) {
        const a = siblings[i];
        const b = siblings[j];
        if (!a || !b) continue;
        const estimate = estimateOverlap(a, b, grid);
        if (estimate) found.push({ a, b, ...estimate, winner: compareSiblings(a, b) <= 0 ? a : b });
      }
    }
  }
  return found.sort((x, y) => y.ratioOfSmaller - x.ratioOfSmaller);
}
