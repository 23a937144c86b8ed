import type { RiskSignal } from '@fieldops/contracts';

/**
 * Weights of the explainable fraud signals. A pattern that alone proves a fake visit (a mocked location, a jump no
 * vehicle makes, a reused photo…) weighs at least the usual review threshold (50), so it sends the visit to review
 * on its own; softer hints weigh less and only add up.
 */
export const SIGNAL_WEIGHTS = {
  'mock-location': 60,
  'far-from-target': 50,
  'impossible-speed': 60,
  'accuracy-constant': 50,
  'accuracy-too-good': 25,
  'clock-skew': 50,
  'photo-reused': 60,
  'photo-time-far': 30,
  'photo-place-far': 40,
  'photo-missing': 20,
} as const;

export type SignalCode = keyof typeof SIGNAL_WEIGHTS;

export function signal(code: SignalCode, detail: string): RiskSignal {
  return { code, weight: SIGNAL_WEIGHTS[code], detail };
}

/** The visit's score: the sum of its signals' weights, each code counted once. */
export function riskScoreOf(signals: readonly RiskSignal[]): number {
  const byCode = new Map<string, number>();
  for (const s of signals) byCode.set(s.code, Math.max(byCode.get(s.code) ?? 0, s.weight));
  return [...byCode.values()].reduce((sum, weight) => sum + weight, 0);
}

/** Whether a checked-out visit counts at once or waits for a supervisor. */
export function verificationOf(score: number, threshold: number): 'verified' | 'pending-review' {
  return score >= threshold ? 'pending-review' : 'verified';
}

export const metres = (m: number) => `${Math.round(m)} m`;
export const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
