import { ConflictError } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import { claimLimitFor, type PoolPolicy, type PoolRefusal } from '../domain/lead-pool';

/**
 * The pool's numbers for a country, from the country policy (changeable per country without code). `roles` are the
 * role names of whoever would hold the leads: the policy may give a role its own claim limit.
 */
export function poolPolicyOf(ctx: LeadsContext, country: string, roles: readonly string[] = []): PoolPolicy {
  const policy = ctx.countries.get(country);
  return {
    claimLimit: claimLimitFor(policy.leadClaimLimit, policy.leadClaimLimitByRole, roles),
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
