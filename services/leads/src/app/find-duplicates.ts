import { distanceMeters, placeNameSimilarity } from '@fieldops/geo';
import type { LeadsContext } from '../config';
import { type LeadRow, leadRepository } from '../db/lead.repository';
import { type DuplicateVerdict, judgeDuplicate, NEIGHBOURHOOD_M } from '../domain/lead-duplicate';

export interface DuplicateCandidate extends DuplicateVerdict {
  row: LeadRow;
  distance: number;
}

export interface DescribedLead {
  name: string;
  phone: string | null;
  country: string;
  lat: number;
  lng: number;
}

/** Existing leads of the country that may be the one described (name, phone, distance ≤ ~300 m), best first. */
export async function findDuplicates(ctx: LeadsContext, lead: DescribedLead): Promise<DuplicateCandidate[]> {
  const rows = await leadRepository.near(ctx.db, {
    country: lead.country,
    lat: lead.lat,
    lng: lead.lng,
    radiusM: NEIGHBOURHOOD_M,
    phone: lead.phone,
  });
  const candidates: DuplicateCandidate[] = [];
  for (const row of rows) {
    const distance = distanceMeters(lead, row);
    const verdict = judgeDuplicate({
      nameSimilarity: placeNameSimilarity(lead.name, row.name),
      samePhone: lead.phone !== null && row.phone === lead.phone,
      distance,
    });
    if (verdict) candidates.push({ ...verdict, row, distance });
  }
  return candidates.sort((a, b) => b.score - a.score || a.distance - b.distance);
}
