/**
 * How likely an existing lead is the one being captured, and why: the POI service's scoring (name 0.6, nearness
 * 0.2, same phone 0.3). A strong match blocks the capture (the rep claims the existing lead); a weak one is
 * created and flagged.
 */
export interface DuplicateEvidence {
  nameSimilarity: number;
  samePhone: boolean;
  distance: number;
}

export type DuplicateStrength = 'strong' | 'weak';

export interface DuplicateVerdict {
  score: number;
  reasons: string[];
  strength: DuplicateStrength;
}

const SAME_SPOT_M = 25;
export const NEIGHBOURHOOD_M = 300;
const SIMILAR_NAME = 0.5;
export const STRONG_SCORE = 0.75;

function nearness(distance: number): number {
  if (distance >= NEIGHBOURHOOD_M) return 0;
  if (distance <= SAME_SPOT_M) return 1;
  return 1 - (distance - SAME_SPOT_M) / (NEIGHBOURHOOD_M - SAME_SPOT_M);
}

/** Undefined when the evidence is too weak to mention (neither a similar name nor the same phone); else weak at least. */
export function judgeDuplicate(evidence: DuplicateEvidence): DuplicateVerdict | undefined {
  const similarName = evidence.nameSimilarity >= SIMILAR_NAME;
  if (!similarName && !evidence.samePhone) return undefined;
  const raw = 0.6 * evidence.nameSimilarity + 0.2 * nearness(evidence.distance) + (evidence.samePhone ? 0.3 : 0);
  const score = Math.round(Math.min(1, raw) * 100) / 100;
  const reasons = [
    ...(similarName ? ['name'] : []),
    ...(evidence.samePhone ? ['phone'] : []),
    ...(evidence.distance < NEIGHBOURHOOD_M ? [`distance ${Math.round(evidence.distance)} m`] : []),
  ];
  return { score, reasons, strength: score >= STRONG_SCORE ? 'strong' : 'weak' };
}
