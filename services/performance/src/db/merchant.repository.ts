import { type Dialect, upsert } from '@fieldops/platform';
import type { Kysely, Transaction } from 'kysely';
import type { MerchantOwner } from '../metrics/metric';
import type { PerformanceDb } from './schema';

type Db = Kysely<PerformanceDb> | Transaction<PerformanceDb>;

/** Who owns each merchant, as the merchant service's events last said. */
export const merchantRepository = {
  async owner(db: Db, merchantId: string): Promise<MerchantOwner | undefined> {
    const row = await db.selectFrom('performance_merchant').selectAll().where('merchant_id', '=', merchantId).executeTakeFirst();
    if (!row) return undefined;
    return { ownerId: row.owner_id, orgUnitId: row.org_unit_id, agencyId: row.agency_id, areaId: row.area_id, country: row.country };
  },

  /** Keeps the newer of what is stored and `owner` at `version`. */
  async save(db: Db, dialect: Dialect, merchantId: string, owner: MerchantOwner, version: number): Promise<void> {
    const stored = await db.selectFrom('performance_merchant').select('version').where('merchant_id', '=', merchantId).executeTakeFirst();
    if (stored && stored.version >= version) return;
    const row = {
      owner_id: owner.ownerId,
      org_unit_id: owner.orgUnitId,
      agency_id: owner.agencyId,
      area_id: owner.areaId,
      country: owner.country,
      version,
    };
    await upsert(db, dialect, 'performance_merchant', { merchant_id: merchantId, ...row }, ['merchant_id'], row);
  },
};
