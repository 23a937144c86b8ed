import type { LeadPool } from '@fieldops/contracts';
import { distanceMeters, placeNameMatcher } from '@fieldops/geo';
import type { LeadsContext } from '../config';
import { leadRepository, type NearLead } from '../db/lead.repository';
import { type DuplicateVerdict, judgeDuplicate, NEIGHBOURHOOD_M } from '../domain/lead-duplicate';
import type { NearMerchant } from './merchants-near';

/** An existing lead or merchant that may be the store being captured. */
export interface DuplicateCandidate extends DuplicateVerdict {
  type: 'lead' | 'merchant';
  id: string;
  name: string;
  distance: number;
  /** The lead's pool; null for a merchant. */
  pool: LeadPool | null;
  /** Who holds the lead (null: the pool, or a merchant); said only to a caller who may read the lead. */
  ownerId: string | null;
  /** Where it is (WGS-84), for a caller who may open it. */
  lat: number;
  lng: number;
}

export interface DescribedLead {
  name: string;
  phone: string | null;
  country: string;
  lat: number;
  lng: number;
}

const byStrength = (a: DuplicateCandidate, b: DuplicateCandidate) => b.score - a.score || a.distance - b.distance;

/**
 * Existing leads of the country that may be the one described (name, phone, distance ≤ ~300 m), best first. Who
 * holds them is read for the few kept, not for every lead judged.
 */
export async function findDuplicates(ctx: LeadsContext, lead: DescribedLead): Promise<DuplicateCandidate[]> {
  const rows = await leadRepository.near(ctx.db, {
    country: lead.country,
    lat: lead.lat,
    lng: lead.lng,
    radiusM: NEIGHBOURHOOD_M,
    phone: lead.phone,
  });
  const similarity = placeNameMatcher(lead.name);
  const kept: (DuplicateVerdict & { row: NearLead; distance: number })[] = [];
  for (const row of rows) {
    const distance = distanceMeters(lead, row);
    const samePhone = lead.phone !== null && row.phone === lead.phone;
    // The cells cover more than the circle: only the same phone reaches farther than the radius.
    if (distance > NEIGHBOURHOOD_M && !samePhone) continue;
    const verdict = judgeDuplicate({ nameSimilarity: similarity(row.name), samePhone, distance });
    if (verdict) kept.push({ ...verdict, row, distance });
  }
  if (kept.length === 0) return [];
  const holders = await leadRepository.holders(
    ctx.db,
    kept.map((k) => k.row.id),
  );
  const holderOf = new Map(holders.map((holder) => [holder.id, holder]));
  return kept
    .flatMap(({ row, distance, ...verdict }): DuplicateCandidate[] => {
      const holder = holderOf.get(row.id);
      if (!holder) return [];
      const { id, name, lat, lng } = row;
      return [{ ...verdict, type: 'lead', id, name, distance, pool: holder.pool, ownerId: holder.owner_id, lat, lng }];
    })
    .sort(byStrength);
}

/**
 * The merchants near the point (of the same country) that may be the store described, scored as leads are: the
 * better of the brand and legal names, any contact's phone, the distance. Best first.
 */
export function merchantDuplicates(lead: DescribedLead, merchants: NearMerchant[]): DuplicateCandidate[] {
  const similarity = placeNameMatcher(lead.name);
  const candidates: DuplicateCandidate[] = [];
  for (const merchant of merchants) {
    if (merchant.country !== lead.country) continue;
    const distance = distanceMeters(lead, merchant);
    const verdict = judgeDuplicate({
      nameSimilarity: Math.max(...merchant.names.map(similarity)),
      samePhone: lead.phone !== null && merchant.phones.includes(lead.phone),
      distance,
    });
    if (verdict) {
      const { id, lat, lng } = merchant;
      candidates.push({ ...verdict, type: 'merchant', id, name: merchant.names[0] ?? '', distance, pool: null, ownerId: null, lat, lng });
    }
  }
  return candidates.sort(byStrength);
}

/** Both kinds together, best first. */
export function allDuplicates(leads: DuplicateCandidate[], merchants: DuplicateCandidate[]): DuplicateCandidate[] {
  return [...leads, ...merchants].sort(byStrength);
}
