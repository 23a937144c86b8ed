import { type Access, AppError, asCaller, type FieldProblem, NotFoundError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { MerchantContext } from '../config';
import { type MerchantRow, merchantRepository } from '../db/merchant.repository';
import { merchantEvents } from '../events/published';
import { ownerOf } from './owner-lookup';

export interface TransferResult {
  merchantId: string;
  ok: boolean;
  /** Why this merchant could not be transferred (only when `ok` is false). */
  error?: string;
  previousOwnerId?: string | null;
  version?: number;
}

/**
 * Gives merchants to a new owner rep, all or nothing: every merchant must be in the caller's scope and the new
 * owner visible to the caller. The answer reports each id; when any fails, nothing changes (422 with `results`).
 * A single transfer is the same use case with one id (404 when that merchant is not found).
 */
export async function transferMerchants(
  ctx: MerchantContext,
  access: Access,
  merchantIds: string[],
  ownerId: string,
  reason: string,
  ownerField = '/body/ownerId',
  /** Where the request named the merchant at `index`: the bulk body's list, or a single transfer's path. */
  idField = (index: number) => `/body/merchantIds/${index}`,
): Promise<TransferResult[]> {
  const { caller, scope } = access;
  const owner = await ownerOf(ctx, ownerId, async () => asCaller(caller.token), ownerField);
  const ids = [...new Set(merchantIds)];
  const found = new Map((await merchantRepository.findMany(ctx.db, ids, scope)).map((row) => [row.id, row]));
  const problems: FieldProblem[] = [];
  const results: TransferResult[] = ids.map((id) => {
    const row = found.get(id);
    let error: string | undefined;
    if (!row) error = 'not found';
    else if (row.status === 'churned') error = 'is churned';
    else if (row.country !== owner.country) error = `is in ${row.country}, the new owner in ${owner.country}`;
    if (error) problems.push({ field: idField(merchantIds.indexOf(id)), message: error });
    return error ? { merchantId: id, ok: false, error } : { merchantId: id, ok: true };
  });
  if (problems.length > 0) {
    if (merchantIds.length === 1 && problems[0]?.message === 'not found') throw new NotFoundError('Merchant');
    const failed = results.map((r) => (r.ok ? { ...r, ok: false, error: 'not transferred: another merchant failed' } : r));
    throw new AppError(422, 'Unprocessable content', 'No merchant was transferred: some cannot be.', problems, { results: failed });
  }
  const at = ctx.clock.now();
  const done: TransferResult[] = [];
  await ctx.transact(async (trx, events) => {
    for (const id of ids) {
      const merchant = found.get(id);
      if (!merchant) continue;
      const version = Number(merchant.version);
      const changes = { owner_id: owner.id, org_unit_id: owner.orgUnitId, agency_id: owner.agencyId, updated_at: at };
      if (!(await merchantRepository.update(trx, id, version, changes))) {
        throw new AppError(409, 'Conflict', `Merchant ${id} changed during the transfer; nothing was transferred. Try again.`);
      }
      const updated: MerchantRow = { ...merchant, ...changes, version: version + 1 };
      await merchantRepository.insertOwnerChange(trx, {
        id: uuidv7(),
        merchant_id: id,
        from_owner_id: merchant.owner_id,
        to_owner_id: owner.id,
        reason,
        actor_id: caller.userId,
        at,
      });
      await events.append(merchantEvents.ownerTransferred(updated, merchant.owner_id, owner.id, reason, caller.userId));
      done.push({ merchantId: id, ok: true, previousOwnerId: merchant.owner_id, version: version + 1 });
    }
  });
  return done;
}
