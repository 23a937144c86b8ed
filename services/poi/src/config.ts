import { ConfigError, type ServiceContext } from '@fieldops/platform';
import type { PoiDb } from './db/schema';

export type PoiContext = ServiceContext<PoiDb>;

export interface PoiSettings {
  /** A Nominatim-compatible server (`GEOCODER_URL`); unset: the offline geocoder (known places and areas). */
  geocoderUrl: URL | undefined;
  geocoderTimeoutMs: number;
  /** Nominatim's usage policy asks every client to name itself. */
  geocoderUserAgent: string;
}

/** The poi service's own settings, read once at start; a malformed one stops the start with its name. */
export function poiSettings(env: Record<string, string | undefined>): PoiSettings {
  let geocoderUrl: URL | undefined;
  if (env.GEOCODER_URL) {
    try {
      geocoderUrl = new URL(env.GEOCODER_URL);
    } catch {
      throw new ConfigError('GEOCODER_URL', 'is not a URL (expected https://host[/path] of a Nominatim-compatible server)');
    }
    if (geocoderUrl.protocol !== 'http:' && geocoderUrl.protocol !== 'https:') {
      throw new ConfigError('GEOCODER_URL', `must be http(s)://…, not ${geocoderUrl.protocol}`);
    }
  }
  const timeout = Number(env.GEOCODER_TIMEOUT_MS ?? 5000);
  if (!Number.isInteger(timeout) || timeout <= 0) throw new ConfigError('GEOCODER_TIMEOUT_MS', 'must be a positive number of milliseconds');
  return {
    geocoderUrl,
    geocoderTimeoutMs: timeout,
    geocoderUserAgent: env.GEOCODER_USER_AGENT || 'FieldOps/0.1 (+https://fieldops.dev)',
  };
}
