/**
 * Splits a team's target among its reps by weight (1 each for an even split) in whole units that add up to the
 * team's: each rep gets the whole part of their share, and the units left over go to the largest remainders (the
 * first listed on a tie). Integer arithmetic throughout, so the parts always sum to the whole.
 */
export function splitTarget(value: number, weights: number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((value * w) / total));
  let left = value - shares.reduce((sum, s) => sum + s, 0);
  const byRemainder = weights.map((w, i) => ({ i, remainder: (value * w) % total })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left--;
  }
  return shares;
}
