import type { FeatureCollection, Point, Polygon } from 'geojson';
import { type GeoJSONSource, Map as MapLibreMap, type MapMouseEvent, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { useEffect, useRef } from 'react';
import { BLANK_STYLE, configuredStyle } from './map-style';

// MapLibre finds its worker next to its own module; once bundled, Vite emits the worker elsewhere and says where.
setWorkerUrl(workerUrl);

export type LngLat = [number, number];
export type BBox = [number, number, number, number];

/** A record drawn as a dot; `kind` picks its colour. */
export interface MapPoint {
  id: string;
  kind: 'merchant' | 'lead' | 'visit' | 'place' | 'me' | 'cluster';
  lng: number;
  lat: number;
  selected?: boolean;
  /** For a cluster: how many records it stands for. */
  count?: number;
}

export interface MapShape {
  id: string;
  rings: LngLat[][];
  highlighted?: boolean;
}

interface MapViewProps {
  center: LngLat;
  zoom: number;
  label: string;
  points?: MapPoint[];
  shapes?: MapShape[];
  /** A line drawn over everything, e.g. the day's route or a polygon being drawn. */
  line?: LngLat[];
  onBoundsChange?(bbox: BBox, zoom: number): void;
  onPointClick?(point: MapPoint): void;
  onMapClick?(at: LngLat): void;
  /** The map once it can take layers and markers (the area editor adds its vertex handles). */
  onReady?(map: MapLibreMap): void;
  className?: string;
}

const COLOURS: Record<MapPoint['kind'], string> = {
  merchant: '#0f5c4d',
  lead: '#d9730d',
  visit: '#6b4fbb',
  place: '#7a8a87',
  me: '#1a73e8',
  cluster: '#3d6f95',
};

function pointsData(points: MapPoint[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: points.map((point) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [point.lng, point.lat] },
      properties: {
        id: point.id,
        kind: point.kind,
        colour: COLOURS[point.kind],
        selected: point.selected ?? false,
        count: point.count ?? 1,
      },
    })),
  };
}

function shapesData(shapes: MapShape[]): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: shapes.map((shape) => ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: shape.rings },
      properties: { id: shape.id, highlighted: shape.highlighted ?? false },
    })),
  };
}

function addDataLayers(map: MapLibreMap): void {
  map.addSource('shapes', { type: 'geojson', data: shapesData([]) });
  map.addSource('line', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addSource('points', { type: 'geojson', data: pointsData([]) });
  map.addLayer({
    id: 'shapes-fill',
    type: 'fill',
    source: 'shapes',
    paint: { 'fill-color': ['case', ['get', 'highlighted'], '#f2b705', '#0f5c4d'], 'fill-opacity': 0.15 },
  });
  map.addLayer({
    id: 'shapes-outline',
    type: 'line',
    source: 'shapes',
    paint: { 'line-color': ['case', ['get', 'highlighted'], '#b38600', '#0f5c4d'], 'line-width': 1.5 },
  });
  map.addLayer({ id: 'line', type: 'line', source: 'line', paint: { 'line-color': '#1a73e8', 'line-width': 3, 'line-dasharray': [2, 1] } });
  map.addLayer({
    id: 'points',
    type: 'circle',
    source: 'points',
    paint: {
      'circle-color': ['get', 'colour'],
      'circle-radius': ['case', ['>', ['get', 'count'], 1], ['min', 22, ['+', 8, ['sqrt', ['get', 'count']]]], 6],
      'circle-stroke-color': ['case', ['get', 'selected'], '#f2b705', '#ffffff'],
      'circle-stroke-width': ['case', ['get', 'selected'], 3, 1.5],
    },
  });
}

/**
 * A MapLibre map with three data layers (areas, a line, points). The base style is configurable; when it cannot
 * load (no tile server, as in tests) the map falls back to a plain background and still draws the data.
 */
export function MapView(props: MapViewProps) {
  const container = useRef<HTMLElement>(null);
  const mapRef = useRef<MapLibreMap | undefined>(undefined);
  const ready = useRef(false);
  const latest = useRef(props);
  latest.current = props;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made once; later props flow in through the effects below.
  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibreMap({ container: container.current, style: configuredStyle(), center: props.center, zoom: props.zoom });
    mapRef.current = map;
    map.addControl(new NavigationControl({ showCompass: false }));
    let fellBack = false;
    map.on('error', () => {
      if (!ready.current && !fellBack) {
        fellBack = true;
        map.setStyle(BLANK_STYLE);
      }
    });
    map.on('load', () => {
      addDataLayers(map);
      ready.current = true;
      syncData(map, latest.current);
      latest.current.onReady?.(map);
      reportBounds(map);
    });
    const reportBounds = (target: MapLibreMap) => {
      const bounds = target.getBounds();
      latest.current.onBoundsChange?.([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], target.getZoom());
    };
    map.on('moveend', () => reportBounds(map));
    map.on('click', (event: MapMouseEvent) => {
      const hit = ready.current ? map.queryRenderedFeatures(event.point, { layers: ['points'] })[0] : undefined;
      const id = hit?.properties?.id;
      const point = typeof id === 'string' ? latest.current.points?.find((candidate) => candidate.id === id) : undefined;
      if (point) latest.current.onPointClick?.(point);
      else latest.current.onMapClick?.([event.lngLat.lng, event.lngLat.lat]);
    });
    return () => {
      ready.current = false;
      map.remove();
    };
  }, []);

  // A new centre (the device's position arriving, another record) moves the map; the first one made it.
  const [lng, lat] = props.center;
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const now = map.getCenter();
    if (Math.abs(now.lng - lng) > 1e-9 || Math.abs(now.lat - lat) > 1e-9) map.jumpTo({ center: [lng, lat] });
  }, [lng, lat]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the data props are drawn; callbacks are read through `latest`.
  useEffect(() => {
    const map = mapRef.current;
    if (map && ready.current) syncData(map, latest.current);
  }, [props.points, props.shapes, props.line]);

  return <section ref={container} className={props.className ?? 'map'} aria-label={props.label} data-testid="map" />;
}

function syncData(map: MapLibreMap, props: MapViewProps): void {
  (map.getSource('points') as GeoJSONSource | undefined)?.setData(pointsData(props.points ?? []));
  (map.getSource('shapes') as GeoJSONSource | undefined)?.setData(shapesData(props.shapes ?? []));
  (map.getSource('line') as GeoJSONSource | undefined)?.setData({
    type: 'FeatureCollection',
    features:
      props.line && props.line.length > 1
        ? [{ type: 'Feature', geometry: { type: 'LineString', coordinates: props.line }, properties: {} }]
        : [],
  });
}
