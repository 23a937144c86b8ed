import { cellToBoundary, cellToLatLng, latLngToCell } from 'h3-js';
import { distanceMeters, type LatLng } from './distance';

/**
 * The two H3 resolutions places are indexed at (DESIGN.md §5): res 9 cells (~0.1 km², ~175 m edge) answer
 * searches in dense streets, res 7 cells (~5 km², ~1.2 km edge) searches that reach kilometres out.
 */
export const FINE_RESOLUTION = 9;
export const COARSE_RESOLUTION = 7;
export type IndexResolution = typeof FINE_RESOLUTION | typeof COARSE_RESOLUTION;

/** The indexed cells of a WGS-84 point, as H3 hex strings. */
export interface PlaceCells {
  r7: string;
  r9: string;
}

export function placeCells({ lat, lng }: LatLng): PlaceCells {
  return { r7: latLngToCell(lat, lng, COARSE_RESOLUTION), r9: latLngToCell(lat, lng, FINE_RESOLUTION) };
}

export function cellOf({ lat, lng }: LatLng, resolution: number): string {
  return latLngToCell(lat, lng, resolution);
}

/** Distances from a point to the nearest and farthest possible points of a cell. */
export interface CellReach {
  cell: string;
  /** No point of the cell is closer to the point than this (metres). */
  min: number;
  /** No point of the cell is farther from the point than this (metres). */
  max: number;
}

// H3 cells are small convex polygons: every point lies within the farthest vertex's distance of the centre.
// The slack covers rounding and the few centimetres between a straight edge and its great circle.
const SLACK_FACTOR = 1.001;
const SLACK_METRES = 0.5;

function circumradius(cell: string, centre: LatLng): number {
  let radius = 0;
  for (const [lat, lng] of cellToBoundary(cell)) radius = Math.max(radius, distanceMeters(centre, { lat, lng }));
  return radius * SLACK_FACTOR + SLACK_METRES;
}

/** How near and how far a cell's points can be from `point`: conservative bounds, never optimistic. */
export function cellReach(point: LatLng, cell: string): CellReach {
  const [lat, lng] = cellToLatLng(cell);
  const centre = { lat, lng };
  const toCentre = distanceMeters(point, centre);
  const radius = circumradius(cell, centre);
  return { cell, min: Math.max(0, toCentre - radius), max: toCentre + radius };
}
