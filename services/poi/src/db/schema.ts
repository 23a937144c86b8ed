import type { PlaceCategory, PlaceSource, PlaceStatus } from '@fieldops/contracts';
import type { PlatformTables } from '@fieldops/platform';

export interface PlaceTable {
  id: string;
  name: string;
  /** The normalised name (@fieldops/geo `normalisePlaceName`), for matching names as people type them. */
  name_key: string;
  address: string;
  category: PlaceCategory;
  /** E.164. */
  phone: string | null;
  country: string;
  /** WGS-84 degrees, always: clients in China are converted at the edge. */
  lat: number;
  lng: number;
  /** H3 cells of (lat, lng) at res 7 and 9: what nearby searches read. */
  h3_r7: string;
  h3_r9: string;
  source: PlaceSource;
  status: PlaceStatus;
  merged_into: string | null;
  /** The most specific area containing the place; kept by the area service's events. */
  area_id: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface PoiDb extends PlatformTables {
  place: PlaceTable;
}
