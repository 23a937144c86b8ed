import type { LeadPool, LeadStage } from '@fieldops/contracts';

/**
 * The private/public pool state machine (私海/公海), as pure functions of a lead's pool state, the actor and the
 * time. Every entry path (create, claim, assign, release, follow-up, recycle) goes through these; the app layer
 * then writes the result with a conditional update, so the database arbitrates races.
 */

export const DAY_MS = 86_400_000;

/** The numbers of the country policy the pool obeys. */
export interface PoolPolicy {
  claimLimit: number;
  protectionDays: number;
  protectionMaxDays: number;
  warningDays: number;
  cooldownDays: number;
}

/**
 * How many leads a holder of `roles` may hold: the largest per-role limit among their roles when any applies, else
 * the country's limit for everyone.
 */
export function claimLimitFor(countryLimit: number, limitByRole: Readonly<Record<string, number>>, roles: readonly string[]): number {
  const overrides = roles.flatMap((role) => (Object.hasOwn(limitByRole, role) ? [limitByRole[role] ?? countryLimit] : []));
  return overrides.length > 0 ? Math.max(...overrides) : countryLimit;
}

export interface PoolState {
  ownerId: string | null;
  stage: LeadStage;
  claimedAt: number | null;
  protectedUntil: number | null;
  warnedFor: number | null;
}

export interface Ownership {
  ownerId: string | null;
  pool: LeadPool;
  claimedAt: number | null;
  protectedUntil: number | null;
  warnedFor: number | null;
}

export type PoolRefusalCode = 'taken' | 'already-yours' | 'not-yours' | 'cooldown' | 'limit' | 'closed';

export interface PoolRefusal {
  ok: false;
  code: PoolRefusalCode;
  message: string;
}

export type PoolDecision = ({ ok: true } & Ownership) | PoolRefusal;

const refuse = (code: PoolRefusalCode, message: string): PoolRefusal => ({ ok: false, code, message });

const PUBLIC: Ownership = { ownerId: null, pool: 'public', claimedAt: null, protectedUntil: null, warnedFor: null };

function ownedBy(userId: string, now: number, policy: PoolPolicy): Ownership {
  return { ownerId: userId, pool: 'private', claimedAt: now, protectedUntil: now + policy.protectionDays * DAY_MS, warnedFor: null };
}

export interface Claimant {
  userId: string;
  /** Leads the claimant holds now. */
  held: number;
  /** When the claimant last lost this lead (released or recycled), if ever. */
  lostAt: number | null;
}

/** A converted lead belongs to a merchant: it never returns to any pool. */
const isClosed = (state: PoolState) => state.stage === 'converted';

export function claim(state: PoolState, claimant: Claimant, policy: PoolPolicy, now: number): PoolDecision {
  if (state.ownerId === claimant.userId) return refuse('already-yours', 'You already hold this lead.');
  if (state.ownerId !== null) return refuse('taken', 'Another rep holds this lead.');
  if (isClosed(state)) return refuse('closed', 'This lead is converted.');
  if (claimant.lostAt !== null) {
    const until = claimant.lostAt + policy.cooldownDays * DAY_MS;
    if (now < until)
      return refuse('cooldown', `You lost this lead recently; you can claim it again from ${new Date(until).toISOString()}.`);
  }
  if (claimant.held >= policy.claimLimit)
    return refuse('limit', `You hold ${claimant.held} leads, the most allowed (${policy.claimLimit}).`);
  return { ok: true, ...ownedBy(claimant.userId, now, policy) };
}

/** A capture by a rep: the new lead starts claimed by its creator. */
export function capture(claimant: Claimant, policy: PoolPolicy, now: number): PoolDecision {
  return claim({ ownerId: null, stage: 'new', claimedAt: null, protectedUntil: null, warnedFor: null }, claimant, policy, now);
}

export function release(state: PoolState, userId: string): PoolDecision {
  if (state.ownerId !== userId) return refuse('not-yours', 'Only the rep holding a lead can release it.');
  if (isClosed(state)) return refuse('closed', 'This lead is converted.');
  return { ok: true, ...PUBLIC };
}

/** A manager gives the lead to a rep (from the pool, or from another rep: a transfer); the rep's limit applies. */
export function assign(state: PoolState, rep: Claimant, policy: PoolPolicy, now: number): PoolDecision {
  if (state.ownerId === rep.userId) return refuse('already-yours', 'The rep already holds this lead.');
  if (isClosed(state)) return refuse('closed', 'This lead is converted.');
  if (rep.held >= policy.claimLimit) return refuse('limit', `The rep holds ${rep.held} leads, the most allowed (${policy.claimLimit}).`);
  return { ok: true, ...ownedBy(rep.userId, now, policy) };
}

/** A recorded follow-up extends protection by D days, never past the hard maximum counted from the claim. */
export function followUp(state: PoolState, userId: string, policy: PoolPolicy, now: number): PoolDecision {
  if (state.ownerId !== userId || state.claimedAt === null) return refuse('not-yours', 'Only the rep holding a lead records follow-ups.');
  const hardMax = state.claimedAt + policy.protectionMaxDays * DAY_MS;
  const extended = Math.min(now + policy.protectionDays * DAY_MS, hardMax);
  const protectedUntil = Math.max(extended, state.protectedUntil ?? 0);
  const warnedFor = protectedUntil === state.protectedUntil ? state.warnedFor : null;
  return { ok: true, ownerId: userId, pool: 'private', claimedAt: state.claimedAt, protectedUntil, warnedFor };
}

export function isExpired(state: PoolState, now: number): boolean {
  return state.ownerId !== null && !isClosed(state) && state.protectedUntil !== null && state.protectedUntil <= now;
}

/** On expiry the lead returns to the public pool. */
export function recycle(state: PoolState, now: number): PoolDecision {
  if (!isExpired(state, now)) return refuse('taken', 'The lead is still protected.');
  return { ok: true, ...PUBLIC };
}

/** True once per protection period, from W days before the expiry. */
export function needsRecycleWarning(state: PoolState, policy: PoolPolicy, now: number): boolean {
  if (state.ownerId === null || state.protectedUntil === null || isClosed(state)) return false;
  if (state.warnedFor === state.protectedUntil) return false;
  return now >= state.protectedUntil - policy.warningDays * DAY_MS && now < state.protectedUntil;
}
