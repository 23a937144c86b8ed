import { ConflictError } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import type { PoolPolicy, PoolRefusal } from '../domain/lead-pool';

/** The pool's numbers for a country, from the country policy (changeable per country without code). */
export function poolPolicyOf(ctx: LeadsContext, country: string): PoolPolicy {
  const policy = ctx.countries.get(country);
  return {
    claimLimit: policy.leadClaimLimit,
    protectionDays: policy.leadProtectionDays,
    protectionMaxDays: policy.leadProtectionMaxDays,
    warningDays: policy.leadRecycleWarningDays,
    cooldownDays: policy.leadReclaimCooldownDays,
  };
}

/** Every refusal of the pool state machine answers 409 problem+json with its `code`. */
export function refused(refusal: PoolRefusal): ConflictError {
  return new ConflictError(refusal.message, [], { code: refusal.code });
}

/** What a lost race (another writer changed the lead first) answers. */
export function lostRace(): ConflictError {
  return new ConflictError('The lead changed while you acted on it; read it again.', [], { code: 'conflict' });
}
