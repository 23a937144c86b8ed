import { distanceMeters, normalisePlaceName } from '@fieldops/geo';

/** What identifies a store: its registration, its names and where it stands. */
export interface MerchantIdentity {
  country: string;
  businessId: string;
  placeId: string | null;
  names: readonly string[];
  lat: number;
  lng: number;
}

/** Two points this close are one spot (GPS noise indoors); a place id, when both have one, decides instead. */
export const SAME_SPOT_M = 50;

/**
 * Whether an existing merchant is the store being added again: the same business id, the same name (brand or legal,
 * normalised) and the same place. The business id alone is not enough: a chain registers its outlets under one id.
 * Two different place ids are two outlets; without them, the same spot is the same place.
 */
export function isSameMerchant(candidate: MerchantIdentity, existing: MerchantIdentity): boolean {
  if (candidate.country !== existing.country || candidate.businessId !== existing.businessId) return false;
  const keys = (names: readonly string[]) => names.map(normalisePlaceName).filter((key) => key !== '');
  const existingKeys = new Set(keys(existing.names));
  if (!keys(candidate.names).some((key) => existingKeys.has(key))) return false;
  if (candidate.placeId !== null && existing.placeId !== null) return candidate.placeId === existing.placeId;
  return distanceMeters(candidate, existing) <= SAME_SPOT_M;
}
