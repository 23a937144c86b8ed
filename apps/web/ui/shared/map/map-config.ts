import { useQuery } from '@tanstack/react-query';
import { useSession } from '../session/session';
import type { LngLat } from './map-geometry';

/** What the gateway says a country's maps draw on (`GET /api/v1/config/map`): a runtime setting, not a build one. */
export type Basemap = { kind: 'style'; url: string } | { kind: 'pmtiles'; url: string; glyphs: string | null } | { kind: 'natural-earth' };

export interface MapConfig {
  country: string | null;
  /** The datum of the base map: data (always WGS-84 in the apps) is shifted onto a GCJ-02 map. */
  datum: 'WGS84' | 'GCJ02';
  basemap: Basemap;
  /** The map app a stop is handed to (`{lat}`, `{lng}`, `{name}`), or null for the platform's `geo:` link. */
  navigationUrl: string | null;
  /** Where the country's maps open (WGS-84); null without a country. */
  centre?: { lat: number; lng: number } | null;
}

/** Offline or unreachable: Natural Earth ships with the app, so the map still orients. */
export const OFFLINE_CONFIG: MapConfig = { country: null, datum: 'WGS84', basemap: { kind: 'natural-earth' }, navigationUrl: null };

async function fetchMapConfig(country: string | undefined): Promise<MapConfig> {
  const query = country ? `?${new URLSearchParams({ country })}` : '';
  const response = await fetch(`/api/v1/config/map${query}`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`map settings answered ${response.status}`);
  return (await response.json()) as MapConfig;
}

/** The signed-in user's country's map settings, asked once per session; undefined until they are known. */
export function useMapConfig(): MapConfig | undefined {
  const session = useSession();
  const country = session.me?.user.country;
  const answer = useQuery({
    queryKey: ['map-config', country],
    // A map is made once: it waits for the user's country rather than start on another country's base map.
    enabled: !session.loading,
    queryFn: () => fetchMapConfig(country),
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
    networkMode: 'offlineFirst',
  });
  return answer.isError ? OFFLINE_CONFIG : answer.data;
}

/** Where a country's maps open, for a screen that switches between countries; undefined until known (or for none). */
export function useCountryCentre(country: string | undefined): LngLat | undefined {
  const answer = useQuery({
    queryKey: ['map-config', country],
    enabled: country !== undefined,
    queryFn: () => fetchMapConfig(country),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const centre = answer.data?.centre;
  return centre ? [centre.lng, centre.lat] : undefined;
}
