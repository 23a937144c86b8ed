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

/** A cell's centre and the radius of the circle around it that holds all of it. */
interface CellShape {
  centre: LatLng;
  radius: number;
}

// A cell's shape never changes, and searches near one point ask for the same cells again and again: each costs
// two calls into H3 and six distances. Emptied when full rather than kept in use order: ~100 bytes a cell.
const SHAPES_KEPT = 50_000;
const shapes = new Map<string, CellShape>();

function cellShape(cell: string): CellShape {
  let shape = shapes.get(cell);
  if (!shape) {
    const [lat, lng] = cellToLatLng(cell);
    const centre = { lat, lng };
    let radius = 0;
    for (const [vLat, vLng] of cellToBoundary(cell)) radius = Math.max(radius, distanceMeters(centre, { lat: vLat, lng: vLng }));
    shape = { centre, radius: radius * SLACK_FACTOR + SLACK_METRES };
    if (shapes.size >= SHAPES_KEPT) shapes.clear();
    shapes.set(cell, shape);
  }
  return shape;
}

/** How near and how far a cell's points can be from `point`: conservative bounds, never optimistic. */
export function cellReach(point: LatLng, cell: string): CellReach {
  const { centre, radius } = cellShape(cell);
  const toCentre = distanceMeters(point, centre);
  return { cell, min: Math.max(0, toCentre - radius), max: toCentre + radius };
}
