import { type BBox, insideRing, type LngLat } from './map-geometry';

/** An area as the base map draws it: its outline and where its name goes. */
export interface Territory {
  id: string;
  parentId: string | null;
  kind: 'country' | 'city' | 'district';
  name: string;
  bbox: BBox;
  rings: LngLat[][];
  labelAt: LngLat | undefined;
}

/** Narrowest a territory may look on screen (CSS pixels) and still carry its name. */
export const MIN_LABEL_WIDTH_PX = 90;

/** How wide a span of longitude is on screen at a zoom (MapLibre's world is 512 px wide at zoom 0). */
function widthPx(bbox: BBox, zoom: number): number {
  return ((bbox[2] - bbox[0]) / 360) * 512 * 2 ** zoom;
}

function inView([lng, lat]: LngLat, view: BBox): boolean {
  return lng >= view[0] && lng <= view[2] && lat >= view[1] && lat <= view[3];
}

/**
 * The territories drawn at a zoom: a territory is drawn when it is wide enough on screen to carry its name, and
 * only at the finest level that is, so a city gives way to its districts as one zooms in (and Singapore the
 * country does not sit on top of Singapore the city).
 */
export function territoriesAt(territories: Territory[], zoom: number): Territory[] {
  const wideEnough = new Set(territories.filter((t) => widthPx(t.bbox, zoom) >= MIN_LABEL_WIDTH_PX).map((t) => t.id));
  const hasDrawnChild = new Set(territories.filter((t) => wideEnough.has(t.id) && t.parentId).map((t) => t.parentId));
  return territories.filter((t) => wideEnough.has(t.id) && !hasDrawnChild.has(t.id));
}

/**
 * Where a drawn territory's name goes in a view: its label point when that is in view, else the middle of the
 * part of it the view shows (a district one stands inside at street zoom), or nowhere when that misses it.
 */
export function nameSpot(territory: Territory, view: BBox): LngLat | undefined {
  if (territory.labelAt && inView(territory.labelAt, view)) return territory.labelAt;
  const west = Math.max(territory.bbox[0], view[0]);
  const south = Math.max(territory.bbox[1], view[1]);
  const east = Math.min(territory.bbox[2], view[2]);
  const north = Math.min(territory.bbox[3], view[3]);
  if (west >= east || south >= north) return undefined;
  const middle: LngLat = [(west + east) / 2, (south + north) / 2];
  return territory.rings.some((ring) => insideRing(middle, ring)) ? middle : undefined;
}

/** The names to show: each territory drawn at this zoom, at its spot in the view. */
export function labelledTerritories(territories: Territory[], zoom: number, view: BBox): { territory: Territory; at: LngLat }[] {
  return territoriesAt(territories, zoom).flatMap((territory) => {
    const at = nameSpot(territory, view);
    return at ? [{ territory, at }] : [];
  });
}
