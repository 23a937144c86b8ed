import { type Access, NotFoundError } from '@fieldops/platform';
import type { MerchantContext } from '../config';
import { type MerchantRow, merchantRepository } from '../db/merchant.repository';

/** A merchant inside the caller's scope; outside it, not found (its existence is not disclosed). */
export async function findMerchant(ctx: MerchantContext, { scope }: Access, id: string): Promise<MerchantRow> {
  const row = await merchantRepository.findById(ctx.db, id, scope);
  if (!row) throw new NotFoundError('Merchant');
  return row;
}
