import { resolveAreaIds } from '@fieldops/area-client';
import type { MigrationLegacyMerchantImported, PlaceCategory } from '@fieldops/contracts';
import { AppError, type EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { MerchantContext } from '../config';
import { merchantRepository } from '../db/merchant.repository';
import type { MerchantDb } from '../db/schema';
import { merchantEvents } from '../events/published';
import { newMerchantRow } from './new-merchant';
import { type Owner, ownerOf } from './owner-lookup';

/** What the import needs from other services, asked before the consumer's transaction opens. */
export interface ImportReferences {
  owner: Owner;
  areaId: string | null;
}

export async function importReferences(ctx: MerchantContext, request: MigrationLegacyMerchantImported): Promise<ImportReferences> {
  const { merchant } = request;
  const owner = await ownerOf(ctx, merchant.ownerId, ctx.asService, '/merchant/ownerId');
  const areaId = (await resolveAreaIds(ctx, [{ lat: merchant.lat, lng: merchant.lng }], ctx.asService))?.[0] ?? null;
  return { owner, areaId };
}

/**
 * A merchant the legacy system took while it served the route's writes, created here under the id both systems share:
 * once (a redelivery or a second import of the same record finds it and changes nothing). Data FieldOps refuses
 * is logged and left to reconciliation, which reports it as drift.
 */
export async function importLegacyMerchant(
  ctx: MerchantContext,
  trx: Transaction<MerchantDb>,
  events: EventWriter,
  request: MigrationLegacyMerchantImported,
  references: ImportReferences,
  actor: string,
): Promise<'created' | 'existing' | 'refused'> {
  const { merchant } = request;
  if (await merchantRepository.findById(trx, merchant.id)) return 'existing';
  try {
    const draft = {
      legalName: merchant.legalName,
      category: merchant.category as PlaceCategory,
      contacts: merchant.contacts.map((c) => ({ name: c.name, role: 'owner', phone: c.phone })),
      country: merchant.country,
      location: { lat: merchant.lat, lng: merchant.lng },
      businessId: merchant.businessId,
    };
    const row = { ...newMerchantRow(ctx, draft, references.owner, '/merchant'), id: merchant.id, area_id: references.areaId };
    if (merchant.createdAt) row.created_at = Date.parse(merchant.createdAt);
    await merchantRepository.insert(trx, row);
    await events.append(merchantEvents.created(row, actor));
    return 'created';
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    ctx.log.warn({ merchantId: merchant.id, errors: error.errors }, 'legacy merchant refused by import');
    return 'refused';
  }
}
