import type { MerchantStatus } from '@fieldops/contracts';
import { type Access, ConflictError, PreconditionFailedError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { MerchantContext } from '../config';
import { type MerchantRow, merchantRepository } from '../db/merchant.repository';
import { canTransition, nextStatuses } from '../domain/merchant-status';
import { merchantEvents } from '../events/published';
import { findMerchant } from './get-merchant';

/** Moves a merchant along its life cycle; who, when, from, to and why are stored and evented. Illegal: 409. */
export async function transitionMerchant(
  ctx: MerchantContext,
  access: Access,
  id: string,
  to: MerchantStatus,
  reason: string,
  ifMatch: (current: number) => number,
): Promise<MerchantRow> {
  const merchant = await findMerchant(ctx, access, id);
  const expected = ifMatch(Number(merchant.version));
  const from = merchant.status;
  if (!canTransition(from, to)) {
    const allowed = nextStatuses(from);
    throw new ConflictError(
      `A merchant cannot go from ${from} to ${to}${allowed.length > 0 ? ` (from ${from}: ${allowed.join(', ')})` : ` (${from} is final)`}.`,
      [{ field: '/body/to', message: `is not reachable from ${from}` }],
      { from, to, allowed },
    );
  }
  const at = ctx.clock.now();
  const actor = access.caller.userId;
  const updated: MerchantRow = { ...merchant, status: to, updated_at: at, version: expected + 1 };
  await ctx.transact(async (trx, events) => {
    if (!(await merchantRepository.update(trx, id, expected, { status: to, updated_at: at }))) throw new PreconditionFailedError();
    await merchantRepository.insertTransition(trx, {
      id: uuidv7(),
      merchant_id: id,
      from_status: from,
      to_status: to,
      reason,
      actor_id: actor,
      at,
    });
    await events.append(merchantEvents.statusChanged(updated, from, reason, actor));
  });
  return updated;
}
