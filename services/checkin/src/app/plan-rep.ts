import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService } from '@fieldops/contracts';
import { asCaller, NotFoundError, type Principal } from '@fieldops/platform';
import type { CheckinContext } from '../config';

export interface PlanRep {
  id: string;
  country: string;
  orgUnitId: string | null;
  agencyId: string | null;
}

/**
 * The rep whose plan it is: the caller, or a rep the caller may see (the account service answers with the caller's
 * token, so a rep outside the manager's scope is not found).
 */
export async function planRepOf(ctx: CheckinContext, caller: Principal, repId: string | undefined): Promise<PlanRep> {
  if (repId === undefined || repId === caller.userId) {
    return { id: caller.userId, country: caller.country, orgUnitId: caller.orgUnitId || null, agencyId: caller.agencyId };
  }
  try {
    const { user } = await ctx.rpc.client(AccountService).getUser({ id: repId }, asCaller(caller.token));
    if (!user) throw new NotFoundError('Rep');
    return { id: user.id, country: user.country, orgUnitId: user.orgUnitId || null, agencyId: user.agencyId ?? null };
  } catch (error) {
    if (error instanceof ConnectError && (error.code === Code.NotFound || error.code === Code.InvalidArgument))
      throw new NotFoundError('Rep');
    throw error;
  }
}
