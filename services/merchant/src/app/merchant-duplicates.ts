import { ConflictError, type ResolvedScope } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import type { MerchantContext } from '../config';
import { type MerchantRow, merchantRepository } from '../db/merchant.repository';
import type { MerchantDb } from '../db/schema';
import { isSameMerchant, type MerchantIdentity } from '../domain/merchant-duplicate';

const identityOf = (row: MerchantRow): MerchantIdentity => ({
  country: row.country,
  businessId: row.business_id,
  placeId: row.place_id,
  names: [row.brand_name, row.legal_name],
  lat: row.lat,
  lng: row.lng,
});

/**
 * Refuses a merchant that is already stored (as a lead capture refuses an existing lead): 409 naming the existing
 * merchant when the caller may see it, and only that it exists otherwise. `scope` undefined is the service itself.
 */
export async function assertNotDuplicate(
  ctx: MerchantContext,
  scope: ResolvedScope | undefined,
  row: MerchantRow,
  { prefix = '/body', db = ctx.db }: { prefix?: string; db?: Kysely<MerchantDb> } = {},
): Promise<void> {
  const candidates = await merchantRepository.withBusinessId(db, row.country, row.business_id);
  const same = candidates.find((c) => c.id !== row.id && isSameMerchant(identityOf(row), identityOf(c)));
  if (!same) return;
  const visible = scope === undefined || (await merchantRepository.findById(db, same.id, scope)) !== undefined;
  throw new ConflictError(
    visible ? `This store is already merchant ${same.brand_name || same.legal_name}.` : 'This store is already a merchant.',
    [
      {
        field: `${prefix}/businessId`,
        message: visible ? `is already merchant ${same.id} at this place` : 'is already a merchant at this place',
      },
    ],
    { code: 'duplicate', ...(visible ? { merchantId: same.id } : {}) },
  );
}
