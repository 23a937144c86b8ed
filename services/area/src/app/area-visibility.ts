import type { Access, Principal, ScopeSource } from '@fieldops/platform';
import type { AreaContext } from '../config';
import { type AreaVisibility, areaRepository } from '../db/area.repository';
import { assignmentRepository } from '../db/assignment.repository';

/** A caller of this service: the territories they may see are their data scope. */
export type AreaAccess = Access<AreaVisibility>;

/** The areas a user covers now (any role): roots of subtrees they see whatever their scope. */
async function coveredPaths(ctx: AreaContext, userId: string): Promise<string[]> {
  return areaRepository.pathsOf(ctx.db, await assignmentRepository.areaIdsOfUser(ctx.db, userId, ctx.clock.now()));
}

/**
 * What a caller sees of the territories: everything (all), their country's (country), or — for team and area
 * scope — the subtrees of the areas their org units manage plus the areas they cover; a rep (self) sees the areas
 * they cover. Coverage comes from this service's own assignments (fresh), the org subtree from the account
 * service's `ResolveScope` (briefly cached by the platform).
 */
export async function visibilityOf(ctx: AreaContext, caller: Principal): Promise<AreaVisibility> {
  switch (caller.scope) {
    case 'all':
      return { all: true };
    case 'country':
      return { country: caller.country };
    case 'team':
    case 'area': {
      const scope = await ctx.scopes.resolve(caller);
      const managed = await areaRepository.pathsManagedBy(ctx.db, scope.orgUnitIds);
      return { paths: [...managed, ...(await coveredPaths(ctx, caller.userId))] };
    }
    case 'self':
      return { paths: await coveredPaths(ctx, caller.userId) };
  }
}

/** The scope source of this service's access checks. */
export const areaVisibility = (ctx: AreaContext): ScopeSource<AreaVisibility> => ({ resolve: (caller) => visibilityOf(ctx, caller) });
