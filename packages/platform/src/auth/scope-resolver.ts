import { AccountService } from '@fieldops/contracts';
import type { Cache } from '../cache/cache';
import type { RpcClients } from '../rpc/rpc-clients';
import { asCaller } from '../rpc/rpc-clients';
import { DATA_SCOPES, type DataScope, type Principal, type ResolvedScope } from './principal';

export interface ScopeResolver {
  resolve(principal: Principal): Promise<ResolvedScope>;
}

/**
 * Resolves what a caller's data scope covers by asking the account service (`ResolveScope`), cached briefly:
 * org trees change rarely, and a stale answer lasts at most `ttlMs`.
 */
export function createScopeResolver(rpc: RpcClients, cache: Cache, ttlMs = 30_000): ScopeResolver {
  return {
    async resolve(principal) {
      if (principal.scope === 'all' || principal.scope === 'self' || principal.scope === 'country') {
        // These need no lookup: the token says all there is.
        return {
          userId: principal.userId,
          scope: principal.scope,
          country: principal.country,
          orgUnitId: principal.orgUnitId,
          orgUnitIds: [principal.orgUnitId],
          areaIds: [],
          agencyId: principal.agencyId,
        };
      }
      const key = `scope:${principal.userId}:${principal.scope}:${principal.orgUnitId}`;
      const cached = await cache.get<ResolvedScope>(key);
      if (cached) return cached;
      const { scope } = await rpc.client(AccountService).resolveScope({ userId: principal.userId }, asCaller(principal.token));
      const resolved: ResolvedScope = {
        userId: principal.userId,
        scope: DATA_SCOPES.includes(scope?.scope as DataScope) ? (scope?.scope as DataScope) : 'self',
        country: scope?.country ?? principal.country,
        orgUnitId: scope?.orgUnitId ?? principal.orgUnitId,
        orgUnitIds: scope?.orgUnitIds ?? [],
        areaIds: scope?.areaIds ?? [],
        agencyId: scope?.agencyId ?? null,
      };
      await cache.set(key, resolved, ttlMs);
      return resolved;
    },
  };
}
