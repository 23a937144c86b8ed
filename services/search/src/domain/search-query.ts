import type { LatLng, LatLngBox } from '@fieldops/geo';
import type { DocumentType, SearchDocument } from './search-document';

/** breach: tickets whose SLA breaches (or breached) first, then those without a running clock. */
export const SORTS = ['relevance', 'distance', 'recency', 'breach'] as const;
export type Sort = (typeof SORTS)[number];

export const FACETS = ['type', 'status', 'stage', 'category', 'country', 'pool', 'ownerId', 'areaId', 'priority', 'slaStatus'] as const;
export type Facet = (typeof FACETS)[number];

/** An area's polygon (GeoJSON Polygon or MultiPolygon rings, [lng, lat]) and its bounding box. */
export interface AreaShape {
  polygons: [number, number][][][];
  box: LatLngBox;
}

/** Statuses a search leaves out unless its `status` filter names them. */
export const HIDDEN_UNLESS_ASKED = ['merged'];

export interface SearchFilters {
  types: DocumentType[];
  status?: string[];
  /** Statuses left out unless asked for by `status` (merged places: their winner is the record). */
  hiddenStatus?: string[];
  stage?: string[];
  category?: string[];
  ownerId?: string[];
  country?: string[];
  pool?: string[];
  /** Ticket priority and SLA summary. */
  priority?: string[];
  slaStatus?: string[];
  /** Merchants with (true) or without (false) an open ticket. */
  hasOpenTicket?: boolean;
  /** The documents filed under these areas (the area and its descendants). */
  areaIds?: string[];
}

/** A search as the index drivers take it: validated, WGS-84, the area's shape already fetched. */
export interface SearchQuery {
  q: string;
  filters: SearchFilters;
  near?: { point: LatLng; radius: number };
  box?: LatLngBox;
  shape?: AreaShape;
  /** Distances are measured from here when given (near, or lat/lng alone for a distance sort). */
  origin?: LatLng;
  sort: Sort;
  limit: number;
  /** The sort key of the previous page's last item. */
  after?: unknown[];
  facets: Facet[];
  /** Also count every hit (SearchResult.total). */
  withTotal?: boolean;
}

export interface SearchHit {
  doc: SearchDocument;
  score?: number;
  distance?: number;
  /** The sort key a next page continues after. */
  key: unknown[];
}

export interface SearchResult {
  hits: SearchHit[];
  more: boolean;
  facets: Partial<Record<Facet, Record<string, number>>>;
  /** Every hit under the filters and visibility, when the query asked for it. */
  total?: number;
  /**
   * With facets or a total: whether they counted every match. A driver may count a text query's matches up to a
   * bound (the SQLite one: its newest 10,000); past it this is false, each count a lower bound and more match than
   * `total` says.
   */
  exhaustive?: boolean;
}
