import type { FeatureCollection, Point, Polygon } from 'geojson';
import {
  addProtocol,
  type GeoJSONSource,
  Map as MapLibreMap,
  type MapMouseEvent,
  Marker,
  NavigationControl,
  Popup,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { Protocol } from 'pmtiles';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { datumShift } from './datum-shift';
import { type MapConfig, useMapConfig } from './map-config';
import type { BBox, LngLat } from './map-geometry';
import { baseStyle, LAND, NATURAL_EARTH_STYLE } from './map-style';
import { naturalEarth } from './natural-earth';
import { useTerritories } from './territories';
import { labelledTerritories, type Territory, territoriesAt } from './territory-labels';
import './map.css';

// MapLibre finds its worker next to its own module; once bundled, Vite emits the worker elsewhere and says where.
setWorkerUrl(workerUrl);
// Self-hosted vector tiles: `pmtiles://` sources read single tiles out of one archive by HTTP range.
addProtocol('pmtiles', new Protocol().tile);

export type { BBox, LngLat } from './map-geometry';

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

/** A numbered or labelled pin drawn as HTML (a day's stops): text needs no map fonts that way. */
export interface MapMarker {
  id: string;
  lng: number;
  lat: number;
  text: string;
  className: string;
  title: string;
}

/** A popup over one position, with content the page renders (React). */
export interface MapPopup {
  lng: number;
  lat: number;
  content: ReactNode;
  onClose(): void;
}

/** The MapLibre map behind a map element, for tests that ask what it drew (`queryRenderedFeatures`). */
export type MapElement = HTMLElement & { maplibre?: MapLibreMap };

interface MapViewProps {
  center: LngLat;
  zoom: number;
  label: string;
  points?: MapPoint[];
  shapes?: MapShape[];
  markers?: MapMarker[];
  /** A line drawn over everything, e.g. the day's route or a polygon being drawn. */
  line?: LngLat[];
  /** Positions the map frames once they are known (and again whenever they change), e.g. every stop of a day. */
  fit?: LngLat[];
  popup?: MapPopup;
  /** Drawn over the map's corner: a legend. */
  children?: ReactNode;
  onBoundsChange?(bbox: BBox, zoom: number): void;
  onPointClick?(point: MapPoint): void;
  onMapClick?(at: LngLat): void;
  /** The map once it can take layers and markers (the area editor adds its vertex handles). */
  onReady?(map: MapLibreMap): void;
  className?: string;
}

export const COLOURS: Record<MapPoint['kind'], string> = {
  merchant: '#0f5c4d',
  lead: '#d9730d',
  visit: '#6b4fbb',
  place: '#7a8a87',
  me: '#1a73e8',
  cluster: '#3d6f95',
};

type Shift = ReturnType<typeof datumShift>;

function pointsData(points: MapPoint[], shift: Shift): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: points.map((point) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: shift.toMap([point.lng, point.lat]) },
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

function polygonsData(
  shapes: { id: string; rings: LngLat[][]; properties: Record<string, unknown> }[],
  shift: Shift,
): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: shapes.map((shape) => ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: shape.rings.map((ring) => ring.map(shift.toMap)) },
      properties: { id: shape.id, ...shape.properties },
    })),
  };
}

/** Territories as outlines (a stronger line for a larger level) under the page's own shapes and data. */
function addDataLayers(map: MapLibreMap): void {
  map.addSource('territories', { type: 'geojson', data: polygonsData([], datumShift('WGS84')) });
  map.addSource('shapes', { type: 'geojson', data: polygonsData([], datumShift('WGS84')) });
  map.addSource('line', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addSource('points', { type: 'geojson', data: pointsData([], datumShift('WGS84')) });
  // On Natural Earth, which is too coarse for a city (1:50m puts shops in the sea), the territories' own shapes
  // take over as the land from zoom 8. A real base map draws its own land.
  if (map.getSource('land')) {
    map.addLayer({
      id: 'territories-fill',
      type: 'fill',
      source: 'territories',
      minzoom: 7,
      paint: { 'fill-color': LAND, 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 7, 0, 9, 1] },
    });
  }
  map.addLayer({
    id: 'territories-outline',
    type: 'line',
    source: 'territories',
    paint: {
      'line-color': ['match', ['get', 'kind'], 'country', '#4a5a57', 'city', '#5f7f78', '#7c9690'],
      'line-width': ['match', ['get', 'kind'], 'country', 2, 'city', 1.5, 1],
      'line-dasharray': ['match', ['get', 'kind'], 'district', ['literal', [3, 2]], ['literal', [1, 0]]],
    },
  });
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

/** Fills the Natural Earth sources of a map drawn on the fallback style. */
async function fillNaturalEarth(map: MapLibreMap, shift: Shift): Promise<void> {
  const earth = await naturalEarth();
  const moveLines = (lines: typeof earth.coastline) => ({
    ...lines,
    coordinates: lines.coordinates.map((line) => line.map((p) => shift.toMap(p as LngLat))),
  });
  (map.getSource('land') as GeoJSONSource | undefined)?.setData(earth.land);
  (map.getSource('coastline') as GeoJSONSource | undefined)?.setData(moveLines(earth.coastline));
  (map.getSource('borders') as GeoJSONSource | undefined)?.setData(moveLines(earth.borders));
}

/**
 * A MapLibre map: the base map the gateway names for the user's country (a style, the self-hosted PMTiles
 * basemap, or Natural Earth land), the user's territories with their names, then the page's shapes, line and
 * records. A style that cannot load falls back to Natural Earth, so the map always orients.
 */
export function MapView(props: MapViewProps) {
  const config = useMapConfig();
  // Other settings (another country's) make a new map: a MapLibre map keeps the style it was made with.
  return config ? (
    <LoadedMapView key={JSON.stringify(config)} {...props} config={config} />
  ) : (
    <div className="map-frame">
      <section className={props.className ?? 'map'} aria-label={props.label} aria-busy="true" data-testid="map" />
    </div>
  );
}

function LoadedMapView(props: MapViewProps & { config: MapConfig }) {
  const { i18n } = useTranslation();
  const territories = useTerritories();
  const container = useRef<MapElement>(null);
  const mapRef = useRef<MapLibreMap | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const latest = useRef(props);
  latest.current = props;
  const shift = datumShift(props.config.datum);
  const shiftRef = useRef(shift);
  shiftRef.current = shift;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made once; later props flow in through the effects below.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const map = new MapLibreMap({
      container: element,
      style: baseStyle(props.config.basemap, i18n.language),
      center: shiftRef.current.toMap(props.center),
      zoom: props.zoom,
      attributionControl: { compact: true },
    });
    element.maplibre = map;
    mapRef.current = map;
    map.addControl(new NavigationControl({ showCompass: false }));
    let loaded = false;
    map.on('error', () => {
      if (!loaded) {
        loaded = true;
        map.setStyle(NATURAL_EARTH_STYLE);
        map.once('style.load', () => start());
      }
    });
    const start = () => {
      addDataLayers(map);
      if (map.getSource('land')) void fillNaturalEarth(map, shiftRef.current).catch(() => undefined);
      setReady(true);
      latest.current.onReady?.(map);
      reportBounds();
    };
    map.once('load', () => {
      if (loaded) return;
      loaded = true;
      start();
    });
    const reportBounds = () => {
      const bounds = map.getBounds();
      const [west, south] = shiftRef.current.fromMap([bounds.getWest(), bounds.getSouth()]);
      const [east, north] = shiftRef.current.fromMap([bounds.getEast(), bounds.getNorth()]);
      latest.current.onBoundsChange?.([west, south, east, north], map.getZoom());
    };
    map.on('moveend', reportBounds);
    map.on('click', (event: MapMouseEvent) => {
      const hit = map.getLayer('points') ? map.queryRenderedFeatures(event.point, { layers: ['points'] })[0] : undefined;
      const id = hit?.properties?.id;
      const point = typeof id === 'string' ? latest.current.points?.find((candidate) => candidate.id === id) : undefined;
      if (point) latest.current.onPointClick?.(point);
      else latest.current.onMapClick?.(shiftRef.current.fromMap([event.lngLat.lng, event.lngLat.lat]));
    });
    return () => {
      setReady(false);
      element.maplibre = undefined;
      map.remove();
    };
  }, []);

  // A new centre (the device's position arriving, another record) moves the map; the first one made it.
  const [lng, lat] = props.center;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || props.fit?.length) return;
    const [toLng, toLat] = shiftRef.current.toMap([lng, lat]);
    const now = map.getCenter();
    if (Math.abs(now.lng - toLng) > 1e-9 || Math.abs(now.lat - toLat) > 1e-9) map.jumpTo({ center: [toLng, toLat] });
  }, [lng, lat, props.fit?.length]);

  // Frames the positions asked for (a day's stops) whenever they change.
  const fitKey = JSON.stringify(props.fit ?? []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the positions.
  useEffect(() => {
    const map = mapRef.current;
    const fit = (props.fit ?? []).map((at) => shiftRef.current.toMap(at));
    if (!map || !ready || fit.length === 0) return;
    const lngs = fit.map((at) => at[0]);
    const lats = fit.map((at) => at[1]);
    map.fitBounds(
      [
        [Math.min(...lngs), Math.min(...lats)],
        [Math.max(...lngs), Math.max(...lats)],
      ],
      // Room for the zoom buttons (top right) and the attribution (bottom right).
      { padding: { top: 48, right: 56, bottom: 40, left: 40 }, maxZoom: 16, duration: 0 },
    );
  }, [fitKey, ready]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the data props are drawn; callbacks are read through `latest`.
  useEffect(() => {
    const map = mapRef.current;
    if (map && ready) syncData(map, latest.current, shiftRef.current);
  }, [props.points, props.shapes, props.line, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    (map.getSource('territories') as GeoJSONSource | undefined)?.setData(
      polygonsData(
        territories.map((territory) => ({
          id: territory.id,
          rings: territory.rings,
          properties: { kind: territory.kind, name: territory.name },
        })),
        shiftRef.current,
      ),
    );
    return territoryNames(map, territories, shiftRef.current);
  }, [territories, ready]);

  // Keyed by their content: a page that rebuilds the same markers on each render does not redraw them.
  const markersKey = JSON.stringify(props.markers ?? []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the markers.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const drawn = (latest.current.markers ?? []).map((marker) => {
      const element = document.createElement('div');
      element.className = marker.className;
      element.textContent = marker.text;
      element.title = marker.title;
      element.setAttribute('aria-hidden', 'true');
      return new Marker({ element }).setLngLat(shiftRef.current.toMap([marker.lng, marker.lat])).addTo(map);
    });
    return () => {
      for (const marker of drawn) marker.remove();
    };
  }, [markersKey, ready]);

  const [popupElement, setPopupElement] = useState<HTMLElement | undefined>();
  const popupAt = props.popup ? `${props.popup.lng},${props.popup.lat}` : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the popup moves when its position does; its content renders through a portal.
  useEffect(() => {
    const map = mapRef.current;
    const popup = latest.current.popup;
    if (!map || !ready || !popup) return;
    const element = document.createElement('div');
    const shown = new Popup({ closeButton: true, maxWidth: '280px', offset: 10, focusAfterOpen: false })
      .setLngLat(shiftRef.current.toMap([popup.lng, popup.lat]))
      .setDOMContent(element)
      .addTo(map);
    let closing = false;
    shown.on('close', () => {
      if (!closing) latest.current.popup?.onClose();
    });
    setPopupElement(element);
    return () => {
      closing = true;
      shown.remove();
      setPopupElement(undefined);
    };
  }, [popupAt, ready]);

  return (
    <div className="map-frame">
      <section ref={container} className={props.className ?? 'map'} aria-label={props.label} data-testid="map" />
      {props.children}
      {popupElement && props.popup && createPortal(props.popup.content, popupElement)}
    </div>
  );
}

/** Names the territories at the finest level that fits the zoom, as HTML labels kept up to date as the map moves. */
function territoryNames(map: MapLibreMap, territories: Territory[], shift: Shift): () => void {
  let shown: Marker[] = [];
  const draw = () => {
    for (const marker of shown) marker.remove();
    const bounds = map.getBounds();
    const [west, south] = shift.fromMap([bounds.getWest(), bounds.getSouth()]);
    const [east, north] = shift.fromMap([bounds.getEast(), bounds.getNorth()]);
    const zoom = map.getZoom();
    // Outlines follow the names: one level at a time.
    const drawn = territoriesAt(territories, zoom).map((territory) => territory.id);
    map.setFilter('territories-outline', ['in', ['get', 'id'], ['literal', drawn]]);
    if (map.getLayer('territories-fill')) map.setFilter('territories-fill', ['in', ['get', 'id'], ['literal', drawn]]);
    shown = labelledTerritories(territories, zoom, [west, south, east, north]).map(({ territory, at }) => {
      const element = document.createElement('div');
      element.className = `territory-label territory-label-${territory.kind}`;
      element.textContent = territory.name;
      element.dataset.territory = territory.id;
      // Under its point rather than on it: a one-record map centres the record where its district's name would sit.
      return new Marker({ element, anchor: 'top', offset: [0, 8] }).setLngLat(shift.toMap(at)).addTo(map);
    });
  };
  draw();
  map.on('moveend', draw);
  return () => {
    map.off('moveend', draw);
    for (const marker of shown) marker.remove();
  };
}

function syncData(map: MapLibreMap, props: MapViewProps, shift: Shift): void {
  (map.getSource('points') as GeoJSONSource | undefined)?.setData(pointsData(props.points ?? [], shift));
  (map.getSource('shapes') as GeoJSONSource | undefined)?.setData(
    polygonsData(
      (props.shapes ?? []).map((shape) => ({ id: shape.id, rings: shape.rings, properties: { highlighted: shape.highlighted ?? false } })),
      shift,
    ),
  );
  (map.getSource('line') as GeoJSONSource | undefined)?.setData({
    type: 'FeatureCollection',
    features:
      props.line && props.line.length > 1
        ? [{ type: 'Feature', geometry: { type: 'LineString', coordinates: props.line.map(shift.toMap) }, properties: {} }]
        : [],
  });
}
