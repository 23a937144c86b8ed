/**
 * How likely an existing place is the one being described, and why. The weights make a same-named place at the
 * same spot score 0.8, the same phone add 0.3, and a different name at the same spot stay well below the bar.
 */
export interface DuplicateEvidence {
  /** Name similarity, 0..1 (@fieldops/geo `placeNameSimilarity`). */
  nameSimilarity: number;
  samePhone: boolean;
  /** Metres, or undefined when the place is beyond the search radius. */
  distance: number | undefined;
}

export interface DuplicateVerdict {
  score: number;
  reasons: string[];
}

/** Up to here a place counts as at the same spot; beyond NEIGHBOURHOOD_M it adds nothing. */
const SAME_SPOT_M = 25;
export const NEIGHBOURHOOD_M = 300;
/** Below this a name counts as different. */
export const SIMILAR_NAME = 0.5;

function nearness(distance: number | undefined): number {
  if (distance === undefined || distance >= NEIGHBOURHOOD_M) return 0;
  if (distance <= SAME_SPOT_M) return 1;
  return 1 - (distance - SAME_SPOT_M) / (NEIGHBOURHOOD_M - SAME_SPOT_M);
}

/** Undefined when the evidence is too weak to show: neither a similar name nor the same phone. */
export function judgeDuplicate(evidence: DuplicateEvidence): DuplicateVerdict | undefined {
  const similarName = evidence.nameSimilarity >= SIMILAR_NAME;
  if (!similarName && !evidence.samePhone) return undefined;
  const raw = 0.6 * evidence.nameSimilarity + 0.2 * nearness(evidence.distance) + (evidence.samePhone ? 0.3 : 0);
  const reasons = [
    ...(similarName ? ['name'] : []),
    ...(evidence.samePhone ? ['phone'] : []),
    ...(evidence.distance !== undefined && evidence.distance < NEIGHBOURHOOD_M ? [`distance ${Math.round(evidence.distance)} m`] : []),
  ];
  return { score: Math.round(Math.min(1, raw) * 100) / 100, reasons };
}
