import type { StyleSpecification } from 'maplibre-gl';

/** A style with no tiles at all: the data layers draw on a plain background, so no tile server is needed. */
export const BLANK_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f1' } }],
};

/** The configured base map (`VITE_MAP_STYLE_URL`), or the blank style. */
export function configuredStyle(): string | StyleSpecification {
  const url = import.meta.env.VITE_MAP_STYLE_URL as string | undefined;
  return url?.trim() ? url : BLANK_STYLE;
}
