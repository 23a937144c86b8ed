import { type Map as MapLibreMap, Marker } from 'maplibre-gl';
import type { LngLat } from '../../shared/map/map-view';

/** A closed GeoJSON ring from the vertices a manager placed (the first position repeated at the end). */
export function closedRing(vertices: LngLat[]): LngLat[] {
  const first = vertices[0];
  return first ? [...vertices, first] : [];
}

/** The outer rings of an area's Polygon or MultiPolygon, for drawing. */
export function outerRings(geometry: { type: string; coordinates: unknown[] } | undefined): LngLat[][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates[0] as LngLat[]].filter(Boolean);
  return (geometry.coordinates as LngLat[][][]).map((polygon) => polygon[0]).filter((ring): ring is LngLat[] => ring !== undefined);
}

/** Beyond this many corners, dragging handles one by one is no way to edit a boundary. */
const MAX_EDITABLE_CORNERS = 200;

/** The corners of a closed ring to edit (its closing position dropped), or undefined when there are too many. */
export function editableCorners(ring: LngLat[] | undefined): LngLat[] | undefined {
  if (!ring || ring.length < 4 || ring.length - 1 > MAX_EDITABLE_CORNERS) return undefined;
  return ring.slice(0, -1);
}

/**
 * Draggable handles for the vertices being drawn: one MapLibre marker per vertex (a real element, so it can be
 * focused and tested), moved by dragging; `onMove` reports the vertex's new position.
 */
export class VertexHandles {
  private markers: Marker[] = [];

  constructor(
    private readonly map: MapLibreMap,
    private readonly onMove: (index: number, at: LngLat) => void,
    private readonly label: (index: number) => string,
  ) {}

  show(vertices: LngLat[]): void {
    this.clear();
    this.markers = vertices.map((vertex, index) => {
      const element = document.createElement('div');
      element.className = 'vertex-handle';
      element.setAttribute('aria-label', this.label(index));
      element.setAttribute('role', 'img');
      const marker = new Marker({ element, draggable: true }).setLngLat(vertex).addTo(this.map);
      marker.on('dragend', () => {
        const at = marker.getLngLat();
        this.onMove(index, [at.lng, at.lat]);
      });
      return marker;
    });
  }

  clear(): void {
    for (const marker of this.markers) marker.remove();
    this.markers = [];
  }
}
