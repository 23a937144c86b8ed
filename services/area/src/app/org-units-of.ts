import type { Principal } from '@fieldops/platform';
import type { AreaContext } from '../config';

/** The org units a caller may link areas to: undefined (any in the country) for country and all scopes. */
export async function linkableOrgUnits(ctx: AreaContext, caller: Principal): Promise<string[] | undefined> {
  if (caller.scope === 'all' || caller.scope === 'country') return undefined;
  return (await ctx.scopes.resolve(caller)).orgUnitIds;
}
