import { layers, namedFlavor } from '@protomaps/basemaps';
import type { FeatureCollection } from 'geojson';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { Basemap } from './map-config';

export const SEA = '#cfe3ea';
export const LAND = '#f6f4ee';
/** Around the territories at city zoom: not sea, not land (Natural Earth cannot tell them apart that close). */
export const GROUND = '#e4e9e7';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Natural Earth land on a sea background: coasts and country borders, no tiles. Its data is set once loaded. */
export const NATURAL_EARTH_STYLE: StyleSpecification = {
  version: 8,
  sources: {
    land: { type: 'geojson', data: EMPTY, attribution: 'Natural Earth' },
    coastline: { type: 'geojson', data: EMPTY },
    borders: { type: 'geojson', data: EMPTY },
  },
  layers: [
    // Sea far out; a neutral ground once the territories' own shapes draw the land (see the territories' fill).
    { id: 'background', type: 'background', paint: { 'background-color': ['interpolate', ['linear'], ['zoom'], 7, SEA, 9, GROUND] } },
    {
      id: 'land',
      type: 'fill',
      source: 'land',
      maxzoom: 10,
      paint: { 'fill-color': LAND, 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 8, 1, 10, 0] },
    },
    { id: 'coastline', type: 'line', source: 'coastline', maxzoom: 9, paint: { 'line-color': '#8fb3c0', 'line-width': 1 } },
    {
      id: 'borders',
      type: 'line',
      source: 'borders',
      maxzoom: 10,
      paint: { 'line-color': '#9a8f80', 'line-width': 1, 'line-dasharray': [3, 2] },
    },
  ],
};

/** The Protomaps language of a UI language: Chinese in simplified script, else the language's own code. */
function basemapLanguage(language: string): string {
  if (language.startsWith('zh')) return 'zh-Hans';
  return language.split('-')[0] ?? 'en';
}

/**
 * The Protomaps basemap on the gateway's PMTiles archive (read with the `pmtiles://` protocol, one range request
 * per tile). Street and place names need glyphs: without a glyph folder the map has every shape but no names.
 */
function protomapsStyle(basemap: Extract<Basemap, { kind: 'pmtiles' }>, language: string): StyleSpecification {
  const flavor = namedFlavor('light');
  const withNames = basemap.glyphs !== null;
  const drawn = layers('protomaps', flavor, withNames ? { lang: basemapLanguage(language) } : {}).filter(
    // Point-of-interest icons need a sprite sheet, which is not served: their names alone would float unexplained.
    (layer: LayerSpecification) => layer.id !== 'pois',
  );
  return {
    version: 8,
    ...(basemap.glyphs ? { glyphs: new URL(basemap.glyphs, window.location.origin).href.replace(/%7B/g, '{').replace(/%7D/g, '}') } : {}),
    sources: {
      protomaps: {
        type: 'vector',
        url: `pmtiles://${new URL(basemap.url, window.location.origin).href}`,
        attribution: '© OpenStreetMap contributors, Protomaps',
      },
    },
    layers: drawn,
  };
}

/** The style a map starts from; the apps' territories and records are added on top of any of them. */
export function baseStyle(basemap: Basemap, language: string): string | StyleSpecification {
  if (basemap.kind === 'style') return basemap.url;
  if (basemap.kind === 'pmtiles') return protomapsStyle(basemap, language);
  return NATURAL_EARTH_STYLE;
}
