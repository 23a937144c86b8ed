import { type Principal, type ResolvedScope, type ScopeSource, UnauthorizedError } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import type { AccountContext } from '../config';
import { orgUnitRepository } from '../db/org-unit.repository';
import { roleRepository } from '../db/role.repository';
import type { AccountDb } from '../db/schema';
import { userRepository } from '../db/user.repository';
import { userAreaRepository } from '../db/user-area.repository';
import { effectiveScope } from '../domain/access-rules';

/**
 * What a user's data scope covers, fresh from the database: the answer to the `ResolveScope` RPC that every
 * service uses, and what this service filters its own queries with. `areaIds` are the areas the user covers now
 * and their descendants, as the area service last announced (`area.coverage.changed.v1`); answered for every scope,
 * used by services where the scope is `area`.
 */
export async function resolveScope(db: Kysely<AccountDb>, userId: string): Promise<ResolvedScope | undefined> {
  const user = await userRepository.findById(db, userId);
  if (user?.status !== 'active') return undefined;
  const scope = effectiveScope(await roleRepository.rolesOfUser(db, userId));
  return {
    userId,
    scope,
    country: user.country,
    orgUnitId: user.org_unit_id,
    orgUnitIds: scope === 'team' || scope === 'area' ? await orgUnitRepository.subtreeIds(db, user.org_unit_id) : [user.org_unit_id],
    areaIds: await userAreaRepository.areaIdsOf(db, userId),
    agencyId: user.agency_id,
  };
}

/** A caller's scope: a FieldOps service acting on its own (`service:<name>`) sees all; a person, what the tree says. */
export async function resolveCallerScope(db: Kysely<AccountDb>, caller: Principal): Promise<ResolvedScope | undefined> {
  if (caller.userId.startsWith('service:')) {
    return { userId: caller.userId, scope: 'all', country: '', orgUnitId: '', orgUnitIds: [], areaIds: [], agencyId: null };
  }
  return resolveScope(db, caller.userId);
}

/**
 * The scope source of this service's access checks: resolved now, not from a cache (this service owns the org tree,
 * so it never answers from stale scope); a disabled or deleted caller is refused.
 */
export function callerScopes(ctx: AccountContext): ScopeSource<ResolvedScope> {
  return {
    async resolve(caller) {
      const scope = await resolveCallerScope(ctx.db, caller);
      if (!scope) throw new UnauthorizedError('Your account is disabled or no longer exists.');
      return scope;
    },
  };
}
