import type { MerchantStatus, MerchantTier, PlaceCategory } from '@fieldops/contracts';
import type { PlatformTables } from '@fieldops/platform';

export interface MerchantTable {
  id: string;
  legal_name: string;
  brand_name: string;
  category: PlaceCategory;
  tier: MerchantTier;
  /** JSON: [{ name, role, phone (E.164 | null) }]. */
  contacts: string;
  address: string;
  /** The POI place this merchant trades at (another service's id: no foreign key). */
  place_id: string | null;
  country: string;
  /** WGS-84 degrees, always: clients in China are converted at the edge. */
  lat: number;
  lng: number;
  /** The most specific area containing the point; kept by the area service's events. */
  area_id: string | null;
  owner_id: string | null;
  /** The owner's org unit and agency when the owner was set (from the account service). */
  org_unit_id: string | null;
  agency_id: string | null;
  /** Normalised by the country policy. */
  business_id: string;
  /** JSON: file ids. */
  documents: string;
  /** JSON: onboarding document kind → a file id among `documents`; null is none. */
  onboarding_documents: string | null;
  /** The lead this merchant was converted from: unique, the conversion saga's idempotency key. */
  lead_id: string | null;
  status: MerchantStatus;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface MerchantTransitionTable {
  id: string;
  merchant_id: string;
  from_status: MerchantStatus;
  to_status: MerchantStatus;
  reason: string;
  actor_id: string;
  at: number;
}

export interface MerchantOwnerChangeTable {
  id: string;
  merchant_id: string;
  from_owner_id: string | null;
  to_owner_id: string;
  reason: string;
  actor_id: string;
  at: number;
}

export interface MerchantDb extends PlatformTables {
  merchant: MerchantTable;
  merchant_transition: MerchantTransitionTable;
  merchant_owner_change: MerchantOwnerChangeTable;
}
