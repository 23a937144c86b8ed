import { isDeepStrictEqual } from 'node:util';
import { resolveAreaIds } from '@fieldops/area-client';
import type { MerchantContact, MigrationLegacyMerchantUpdated } from '@fieldops/contracts';
import { AppError, type EventWriter } from '@fieldops/platform';
import type { Transaction, Updateable } from 'kysely';
import type { MerchantContext } from '../config';
import { type MerchantRow, merchantRepository } from '../db/merchant.repository';
import type { MerchantDb, MerchantTable } from '../db/schema';
import { merchantEvents } from '../events/published';
import { type ContactInput, MerchantFieldChecks, parseJsonList } from './merchant-fields';

/** The area of the point the legacy system has the merchant at, asked before the consumer's transaction opens. */
export async function legacyChangeArea(ctx: MerchantContext, request: MigrationLegacyMerchantUpdated): Promise<string | null> {
  const { lat, lng } = request.merchant;
  return (await resolveAreaIds(ctx, [{ lat, lng }], ctx.asService))?.[0] ?? null;
}

/**
 * A change the legacy system made to a merchant while it served the route's writes: the fields both systems keep
 * take the legacy system's values. Values FieldOps already holds change nothing (no new version, no event), which is
 * how a change FieldOps fed to the legacy system, read back from its feed, ends: it does not echo. A merchant FieldOps
 * does not have, or data it refuses, is logged and left to reconciliation, which reports it as drift.
 */
export async function applyLegacyMerchantChange(
  ctx: MerchantContext,
  trx: Transaction<MerchantDb>,
  events: EventWriter,
  request: MigrationLegacyMerchantUpdated,
  areaId: string | null,
  actor: string,
): Promise<'updated' | 'unchanged' | 'missing' | 'refused'> {
  const { merchant } = request;
  const current = await merchantRepository.findById(trx, merchant.id);
  if (!current) {
    ctx.log.warn({ merchantId: merchant.id }, 'legacy merchant change to a merchant FieldOps does not have');
    return 'missing';
  }
  let changes: Updateable<MerchantTable>;
  try {
    changes = changedFields(ctx, current, merchant, areaId);
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    ctx.log.warn({ merchantId: merchant.id, errors: error.errors }, 'legacy merchant change refused by import');
    return 'refused';
  }
  if (Object.keys(changes).length === 0) return 'unchanged';
  changes.updated_at = ctx.clock.now();
  const version = Number(current.version);
  // The row was read in this transaction: a write in between is a conflict the consumer's retry settles.
  if (!(await merchantRepository.update(trx, merchant.id, version, changes))) throw new Error(`merchant ${merchant.id} changed meanwhile`);
  await events.append(merchantEvents.updated({ ...current, ...changes, version: version + 1 }, actor));
  return 'updated';
}

/** The columns whose stored value differs from the legacy system's, checked by the country policy. */
function changedFields(
  ctx: MerchantContext,
  current: MerchantRow,
  legacy: MigrationLegacyMerchantUpdated['merchant'],
  areaId: string | null,
): Updateable<MerchantTable> {
  const checks = new MerchantFieldChecks(ctx, current.country, '/merchant');
  const businessId = checks.businessId(legacy.businessId);
  const category = checks.category(legacy.category);
  const stored = parseJsonList<MerchantContact>(current.contacts);
  const contacts = checks.contacts(legacy.contacts.map((c) => withFieldOpsDetails(c, stored)));
  checks.done();
  const legalName = legacy.legalName.trim();
  const moved = Number(current.lat) !== legacy.lat || Number(current.lng) !== legacy.lng;
  return {
    ...(legalName !== current.legal_name ? { legal_name: legalName } : {}),
    ...(businessId !== current.business_id ? { business_id: businessId } : {}),
    ...(category !== current.category ? { category } : {}),
    ...(!isDeepStrictEqual(contacts, stored) ? { contacts: JSON.stringify(contacts) } : {}),
    ...(moved ? { lat: legacy.lat, lng: legacy.lng, area_id: areaId } : {}),
  };
}

/** The legacy system keeps a contact's name and phone only: the role and email FieldOps has for that name stay. */
function withFieldOpsDetails(contact: { name: string; phone: string | null }, stored: MerchantContact[]): ContactInput {
  const known = stored.find((c) => c.name === contact.name.trim());
  return { name: contact.name, role: known?.role ?? 'owner', phone: contact.phone, ...(known?.email ? { email: known.email } : {}) };
}
