/** The records the apps show, typed from the API's OpenAPI document. */
import type { Answer } from '../api/client';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const MERCHANT_STATUSES = ['onboarding', 'active', 'suspended', 'churned'] as const satisfies readonly Merchant['status'][];

export type Merchant = Answer<'getMerchant'>;

export const LEAD_STAGES = ['new', 'contacted', 'qualified', 'negotiating', 'won', 'lost', 'converted'] as const satisfies readonly Lead['stage'][];
export type LeadStage = Lead['stage'];

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
] as const satisfies readonly Lead['category'][];

export type Lead = Answer<'getLead'>;

/** What a 409 on lead capture carries: the existing leads the rep should claim instead. */
export interface DuplicateCandidate {
  id: string;
  name: string;
  distance: number;
  score: number;
  reasons: string[];
  pool: 'private' | 'public';
}

export type User = Answer<'getUser'>;

export type Area = Answer<'getArea'>;

export type AreaPreview = Answer<'previewAreaGeometry'>;
