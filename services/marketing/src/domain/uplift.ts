/** One merchant's figure over equal windows before and after launch. */
export interface BeforeAfter {
  before: number;
  after: number;
}

export interface GroupSummary {
  merchants: number;
  before: number;
  after: number;
}

export interface Uplift {
  treated: GroupSummary;
  heldOut: GroupSummary;
  /**
   * Relative uplift of treated over held-out merchants: the difference of the groups' mean log growth
   * (log((after+1)/(before+1))), as a share (0.15 = +15%), with its 95% Welch interval. Null when a group has fewer
   * than two merchants (no variance to judge by).
   */
  relative: { estimate: number; low: number; high: number } | null;
  /** Difference in differences of the per-merchant change (after − before), in the figure's unit, with its interval. */
  absolute: { estimate: number; low: number; high: number } | null;
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
function variance(xs: readonly number[]): number {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
}

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const poly = (k: number[], x: number) => k.reduce((s, v) => s * x + v, 0);
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** Student's t quantile by the Cornish–Fisher expansion around the normal (good to ~1e-3 from 3 degrees of freedom). */
export function tQuantile(p: number, df: number): number {
  const z = normalQuantile(p);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

/** Welch's interval for mean(a) − mean(b) at 95%. */
export function welchInterval(a: readonly number[], b: readonly number[]): { estimate: number; low: number; high: number } {
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const estimate = mean(a) - mean(b);
  const se = Math.sqrt(va + vb);
  if (se === 0) return { estimate, low: estimate, high: estimate };
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = tQuantile(0.975, Math.max(df, 1)) * se;
  return { estimate, low: estimate - half, high: estimate + half };
}

function summary(group: readonly BeforeAfter[]): GroupSummary {
  return {
    merchants: group.length,
    before: group.reduce((s, g) => s + g.before, 0),
    after: group.reduce((s, g) => s + g.after, 0),
  };
}

/**
 * Uplift of a campaign: treated vs held-out merchants, each over the same window before and after launch. The
 * relative estimate compares log growth, so a merchant's size cancels out; both groups share any seasonality, which
 * the difference removes.
 */
export function measureUplift(treated: readonly BeforeAfter[], heldOut: readonly BeforeAfter[]): Uplift {
  const judged = treated.length >= 2 && heldOut.length >= 2;
  const growth = (g: BeforeAfter) => Math.log((g.after + 1) / (g.before + 1));
  const change = (g: BeforeAfter) => g.after - g.before;
  let relative: Uplift['relative'] = null;
  if (judged) {
    const logs = welchInterval(treated.map(growth), heldOut.map(growth));
    relative = { estimate: Math.expm1(logs.estimate), low: Math.expm1(logs.low), high: Math.expm1(logs.high) };
  }
  return {
    treated: summary(treated),
    heldOut: summary(heldOut),
    relative,
    absolute: judged ? welchInterval(treated.map(change), heldOut.map(change)) : null,
  };
}
