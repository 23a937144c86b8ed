import { createHash } from 'node:crypto';

/** A segment member as the split sees it: strata are (area, tier). */
export interface SplitMember {
  merchantId: string;
  areaId: string | null;
  tier: string | null;
}

export interface HoldoutSplit {
  heldOut: Set<string>;
  /** Per stratum ("area|tier"): members and how many were held out. */
  strata: { key: string; members: number; heldOut: number }[];
}

/** A number in [0, 2^52) from the seed and a text: the same seed always draws the same numbers. */
function draw(seed: string, text: string): number {
  return Number.parseInt(createHash('sha256').update(`${seed}:${text}`).digest('hex').slice(0, 13), 16);
}

export const stratumOf = (m: SplitMember) => `${m.areaId ?? '-'}|${m.tier ?? '-'}`;

/**
 * Holds out `share` of the members, stratified by area and tier and reproducible from `seed` (stored on the
 * campaign, so anyone can re-run the split and get the same groups). Each stratum holds out the floor of its quota;
 * the remaining slots (so the total is round(N × share)) go to the strata with the largest remainders, ties broken
 * by the seed. Inside a stratum, the members with the smallest draws are held out. `total`, when given, is how many
 * to hold out instead, shared over the strata in proportion to their sizes by the same rule.
 */
export function splitHoldout(members: readonly SplitMember[], share: number, seed: string, total?: number): HoldoutSplit {
  if (!(share >= 0 && share < 1)) throw new RangeError('share must be in [0, 1)');
  const target = total ?? Math.round(members.length * share);
  const rate = total === undefined ? share : members.length === 0 ? 0 : target / members.length;
  const byStratum = new Map<string, SplitMember[]>();
  for (const m of members) {
    const key = stratumOf(m);
    const list = byStratum.get(key);
    if (list) list.push(m);
    else byStratum.set(key, [m]);
  }
  const strata = [...byStratum.entries()].map(([key, list]) => {
    const quota = list.length * rate;
    return { key, list, take: Math.floor(quota), remainder: quota - Math.floor(quota), tie: draw(seed, key) };
  });
  let spare = target - strata.reduce((sum, s) => sum + s.take, 0);
  for (const s of [...strata].sort((a, b) => b.remainder - a.remainder || a.tie - b.tie)) {
    if (spare <= 0) break;
    if (s.take < s.list.length) {
      s.take++;
      spare--;
    }
  }
  const heldOut = new Set<string>();
  for (const s of strata) {
    const ordered = s.list
      .map((m) => ({ id: m.merchantId, n: draw(seed, m.merchantId) }))
      .sort((a, b) => a.n - b.n || (a.id < b.id ? -1 : 1));
    for (const m of ordered.slice(0, s.take)) heldOut.add(m.id);
  }
  return {
    heldOut,
    strata: strata.map((s) => ({ key: s.key, members: s.list.length, heldOut: s.take })).sort((a, b) => (a.key < b.key ? -1 : 1)),
  };
}

/**
 * The split of merchants joining a running campaign: as many held out as keep the whole membership at the campaign's
 * share (round((members + added) × share) less those already held out, within [0, added]), stratified like the
 * launch and drawn from the campaign's seed, so a merchant's draw is the one the launch would have given it.
 */
export function splitAdded(
  added: readonly SplitMember[],
  before: { members: number; heldOut: number },
  share: number,
  seed: string,
): HoldoutSplit {
  const due = Math.round((before.members + added.length) * share) - before.heldOut;
  return splitHoldout(added, share, seed, Math.min(Math.max(due, 0), added.length));
}
