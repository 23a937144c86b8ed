import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService } from '@fieldops/contracts';
import { ValidationError } from '@fieldops/platform';
import type { MerchantContext } from '../config';

export interface Owner {
  id: string;
  country: string;
  orgUnitId: string | null;
  agencyId: string | null;
}

/**
 * The owner rep as the account service shows them to whoever acts (`callAs`): a user outside the actor's scope is
 * not found, and so cannot be made an owner. Answers a validation error naming `field`.
 */
export async function ownerOf(
  ctx: MerchantContext,
  ownerId: string,
  callAs: () => Promise<{ headers: Record<string, string> }>,
  field = '/body/ownerId',
): Promise<Owner> {
  try {
    const { user } = await ctx.rpc.client(AccountService).getUser({ id: ownerId }, await callAs());
    if (user?.status !== 'active') throw new ValidationError([{ field, message: 'is not an active user' }]);
    return { id: user.id, country: user.country, orgUnitId: user.orgUnitId || null, agencyId: user.agencyId ?? null };
  } catch (error) {
    if (error instanceof ConnectError && (error.code === Code.NotFound || error.code === Code.InvalidArgument)) {
      throw new ValidationError([{ field, message: 'is not a user you can see' }]);
    }
    throw error;
  }
}
