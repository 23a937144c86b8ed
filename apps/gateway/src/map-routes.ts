import fs from 'node:fs';
import path from 'node:path';
import type { CountryRegistry } from '@fieldops/countries';
import { ConfigError, NotFoundError, ValidationError } from '@fieldops/platform';
import type { FastifyInstance } from 'fastify';
import { servePmtiles } from './pmtiles-ranges';

/** Where the self-hosted vector tiles are: outside `/api`, so a map's many range reads draw on no API budget. */
export const TILES_PATH = '/tiles/basemap.pmtiles';
/** The glyphs (SDF font ranges) the basemap's labels need, when `MAP_GLYPHS_DIR` names a folder of them. */
export const GLYPHS_PATH = '/tiles/glyphs';

/** The base map one country's users get; the apps draw their data on top. */
export type Basemap = { kind: 'style'; url: string } | { kind: 'pmtiles'; url: string; glyphs: string | null } | { kind: 'natural-earth' };

export interface MapConfig {
  country: string | null;
  /** The datum the base map is drawn in: the apps shift their WGS-84 data onto a GCJ-02 map. */
  datum: 'WGS84' | 'GCJ02';
  basemap: Basemap;
  /** The map app a stop is handed to (`{lat}`, `{lng}`, `{name}`), or null for the platform's `geo:` link. */
  navigationUrl: string | null;
  /** Where the country's maps open (WGS-84): its main city; null without a country. */
  centre: { lat: number; lng: number } | null;
}

export interface MapSettings {
  /** `MAP_STYLE_URL`: a MapLibre style for every country without its own. */
  styleUrl?: string;
  /** `MAP_STYLE_URL__<CC>`: a country's own style (in China it must be a GCJ-02 map). */
  countryStyleUrls: Record<string, string>;
  /** `MAP_TILES_FILE`: a PMTiles archive (a regional extract of the Protomaps basemap). */
  tilesFile?: string;
  /** `MAP_GLYPHS_DIR`: `<fontstack>/<range>.pbf` files for the basemap's labels. */
  glyphsDir?: string;
}

/** Reads the map settings from the environment; a tiles file or glyph folder that is not there stops the start. */
export function mapSettings(env: Record<string, string | undefined>): MapSettings {
  const countryStyleUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^MAP_STYLE_URL__([A-Z]{2})$/.exec(key);
    if (match?.[1] && value?.trim()) countryStyleUrls[match[1]] = value.trim();
  }
  const tilesFile = env.MAP_TILES_FILE?.trim() ? path.resolve(env.MAP_TILES_FILE.trim()) : undefined;
  if (tilesFile && !isReadableFile(tilesFile)) throw new ConfigError('MAP_TILES_FILE', `"${tilesFile}" is not a readable file`);
  const glyphsDir = env.MAP_GLYPHS_DIR?.trim() ? path.resolve(env.MAP_GLYPHS_DIR.trim()) : undefined;
  if (glyphsDir && !fs.statSync(glyphsDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ConfigError('MAP_GLYPHS_DIR', `"${glyphsDir}" is not a folder`);
  }
  return { styleUrl: env.MAP_STYLE_URL?.trim() || undefined, countryStyleUrls, tilesFile, glyphsDir };
}

/**
 * What a country's maps draw on. A country's own style wins, then the deployment's style. The self-hosted
 * tiles are OpenStreetMap data in WGS-84, so a country whose maps must be GCJ-02 (China) does not get them and
 * falls back to Natural Earth land, which is too coarse for the shift to matter.
 */
export function mapConfigFor(settings: MapSettings, countries: CountryRegistry, country: string | undefined): MapConfig {
  const policy = country ? countries.get(country) : undefined;
  const datum = policy?.coordinateSystem ?? 'WGS84';
  const ownStyle = country ? settings.countryStyleUrls[country] : undefined;
  const basemap: Basemap = ownStyle
    ? { kind: 'style', url: ownStyle }
    : datum === 'WGS84' && settings.styleUrl
      ? { kind: 'style', url: settings.styleUrl }
      : datum === 'WGS84' && settings.tilesFile
        ? { kind: 'pmtiles', url: TILES_PATH, glyphs: settings.glyphsDir ? `${GLYPHS_PATH}/{fontstack}/{range}.pbf` : null }
        : { kind: 'natural-earth' };
  // Only a country's own style is promised to be in the country's datum; anything else is drawn in WGS-84.
  return {
    country: country ?? null,
    datum: ownStyle ? datum : 'WGS84',
    basemap,
    navigationUrl: policy?.navigationUrl ?? null,
    centre: policy ? { lat: policy.mapCentre.lat, lng: policy.mapCentre.lng } : null,
  };
}

const ConfigQuery = {
  type: 'object',
  properties: { country: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 code (the user’s country)' } },
  additionalProperties: false,
} as const;

/**
 * The maps' runtime settings and the self-hosted basemap. Public like the app's own files: they describe geography
 * and hold no record of anyone. Kept out of the OpenAPI document with the other edge routes (pages, GraphQL).
 */
export async function mapRoutes(app: FastifyInstance, options: { settings: MapSettings; countries: CountryRegistry }): Promise<void> {
  const { settings, countries } = options;
  app.get<{ Querystring: { country?: string } }>(
    '/api/v1/config/map',
    { schema: { hide: true, querystring: ConfigQuery } },
    async (request, reply) => {
      const { country } = request.query;
      if (country && !countries.isSupported(country)) {
        throw new ValidationError([
          { field: '/query/country', message: `is not a country FieldOps serves (${countries.supported().join(', ')})` },
        ]);
      }
      reply.header('cache-control', 'no-cache');
      return mapConfigFor(settings, countries, country);
    },
  );
  // Fastify answers HEAD through this route too (headers only).
  app.get(TILES_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!settings.tilesFile) throw new NotFoundError('Map tiles (MAP_TILES_FILE is not set)');
    return servePmtiles(request, reply, settings.tilesFile);
  });
  app.get<{ Params: { fontstack: string; range: string } }>(
    `${GLYPHS_PATH}/:fontstack/:range`,
    { schema: { hide: true } },
    async (request, reply) => {
      const { fontstack, range } = request.params;
      const file = settings.glyphsDir && glyphFile(settings.glyphsDir, fontstack, range);
      if (!file) throw new NotFoundError('Glyph range');
      reply.header('content-type', 'application/x-protobuf').header('cache-control', 'public, max-age=86400');
      return reply.send(fs.createReadStream(file));
    },
  );
}

/** A glyph file inside the folder, or undefined: names are checked so a request can never step outside it. */
function glyphFile(dir: string, fontstack: string, range: string): string | undefined {
  if (!/^[\w ,-]+$/.test(fontstack) || !/^\d+-\d+\.pbf$/.test(range)) return undefined;
  const file = path.join(dir, fontstack, range);
  return isReadableFile(file) ? file : undefined;
}

function isReadableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
