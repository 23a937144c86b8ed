import { POLYGON_TO_CELLS_FLAGS, polygonToCellsExperimental } from 'h3-js';

/** A WGS-84 box; a west edge east of the east edge crosses the antimeridian. */
export interface LatLngBox {
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
}

// H3 joins a polygon's vertices by great circles, which bow away from a box's parallels: short edges and a small
// margin keep every point of the box inside the polygon whose cells are taken.
const STEP_DEGREES = 0.1;
const MARGIN_DEGREES = 0.0005;

function ring(box: LatLngBox): number[][] {
  const south = Math.max(-90, box.minLat - MARGIN_DEGREES);
  const north = Math.min(90, box.maxLat + MARGIN_DEGREES);
  const west = box.minLng - MARGIN_DEGREES;
  const east = box.maxLng + MARGIN_DEGREES;
  const steps = Math.max(1, Math.ceil((east - west) / STEP_DEGREES));
  const points: number[][] = [];
  for (let i = 0; i <= steps; i++) points.push([south, west + ((east - west) * i) / steps]);
  for (let i = 0; i <= steps; i++) points.push([north, east - ((east - west) * i) / steps]);
  return points;
}

/** A rough count of the cells of `resolution` a box needs, without computing them (for choosing a strategy). */
export function estimatedCellsInBox(box: LatLngBox, averageCellKm2: number): number {
  const width = box.minLng <= box.maxLng ? box.maxLng - box.minLng : 360 - box.minLng + box.maxLng;
  const midLat = ((box.minLat + box.maxLat) / 2) * (Math.PI / 180);
  const km2 = (box.maxLat - box.minLat) * 111.2 * width * 111.2 * Math.max(0.01, Math.cos(midLat));
  return Math.ceil(km2 / averageCellKm2);
}

/** The H3 cells at `resolution` that together cover every point of the box, sorted (a stable order to page in). */
export function cellsInBox(box: LatLngBox, resolution: number): string[] {
  const parts: LatLngBox[] =
    box.minLng <= box.maxLng
      ? [box]
      : [
          { ...box, maxLng: 180 },
          { ...box, minLng: -180 },
        ];
  const cells = new Set<string>();
  for (const part of parts) {
    for (const cell of polygonToCellsExperimental(ring(part), resolution, POLYGON_TO_CELLS_FLAGS.containmentOverlapping)) cells.add(cell);
  }
  return [...cells].sort();
}
