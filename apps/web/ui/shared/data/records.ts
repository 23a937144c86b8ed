/** The records the apps show, as the REST API answers them (only the fields the screens read). */

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const MERCHANT_STATUSES = ['onboarding', 'active', 'suspended', 'churned'] as const;

export interface Merchant {
  id: string;
  legalName: string;
  brandName: string;
  category: string;
  tier: string;
  address: string;
  placeId: string | null;
  country: string;
  lat: number;
  lng: number;
  areaId: string | null;
  ownerId: string | null;
  businessId: string;
  status: (typeof MERCHANT_STATUSES)[number];
  contacts: { name: string; role: string; phone: string | null }[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const LEAD_STAGES = ['new', 'contacted', 'qualified', 'negotiating', 'won', 'lost', 'converted'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export const PLACE_CATEGORIES = [
  'restaurant',
  'cafe',
  'grocery',
  'convenience',
  'bakery',
  'pharmacy',
  'beauty',
  'fitness',
  'laundry',
  'retail',
  'service',
  'other',
] as const;

export interface Lead {
  id: string;
  name: string;
  phone: string | null;
  address: string;
  category: string;
  lat: number;
  lng: number;
  country: string;
  areaId: string | null;
  ownerId: string | null;
  pool: 'private' | 'public';
  stage: LeadStage;
  protectedUntil: string | null;
  duplicateOf: string | null;
  version: number;
  createdAt: string;
}

/** What a 409 on lead capture carries: the existing leads the rep should claim instead. */
export interface DuplicateCandidate {
  id: string;
  name: string;
  distance: number;
  score: number;
  reasons: string[];
  pool: 'private' | 'public';
}

export interface User {
  id: string;
  email: string;
  name: string;
  country: string;
  orgUnitId: string;
  roleIds: string[];
  status: 'active' | 'disabled';
  locale: string;
}

export interface Area {
  id: string;
  parentId: string | null;
  kind: 'country' | 'city' | 'district' | 'grid';
  name: string;
  code: string;
  country: string;
  geometry?: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };
  bbox: [number, number, number, number];
  version: number;
}

export interface AreaPreview {
  previewId: string;
  areaVersion: number;
  expiresAt: string;
  moves: { kind: string; id: string; from: string | null; to: string | null }[];
  counts: Record<string, number>;
  truncated: string[];
  areas: Record<string, { name: string; kind: string }>;
}
