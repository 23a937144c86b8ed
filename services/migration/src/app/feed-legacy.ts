import type { MerchantEventData } from '@fieldops/contracts';
import type { EventEnvelope } from '@fieldops/platform';
import type { MigrationContext } from '../config';
import { compareBodies, fieldOpsToLegacy, legacyToFieldOps } from '../domain/diff-mapping';
import { servesWritesFrom } from '../domain/write-side';
import { IMPORT_ACTOR } from '../events/published';
import { type RouteWithMode, routesWithModes } from './route-modes';

type MerchantEvent = EventEnvelope<MerchantEventData<'merchant.merchant.created.v1' | 'merchant.merchant.updated.v1'>>;

/** Sends a merchant FieldOps created to the legacy system, in its field names, when FieldOps serves the route's writes. */
export async function feedMerchantToLegacy(ctx: MigrationContext, event: MerchantEvent): Promise<boolean> {
  const target = await legacyTarget(ctx, event);
  if (!target || !ctx.deps.legacy) return false;
  const record = { id: event.data.id, ...legacyFields(event), createdAt: event.time };
  await ctx.deps.legacy.create(target.route.legacyPrefix, fieldOpsToLegacy(record, target.route.mapping), `fieldops-${event.id}`);
  ctx.log.info({ route: target.route.name, merchantId: event.data.id }, 'merchant fed to the legacy system');
  return true;
}

/**
 * Sends a change FieldOps made to a merchant to the legacy system, as the whole of what the legacy system keeps (the
 * event carries the merchant after the change), under the id both systems share. A change to nothing the legacy
 * system keeps (a tier, an area) is not sent: it would only add a no-op to its change feed. A merchant the legacy
 * system does not have is left to reconciliation, which reports it: retrying would not make it appear.
 */
export async function feedMerchantUpdateToLegacy(ctx: MigrationContext, event: MerchantEvent): Promise<boolean> {
  const target = await legacyTarget(ctx, event);
  if (!target || !ctx.deps.legacy) return false;
  const { mapping } = target.route;
  const path = `${target.route.legacyPrefix}/${encodeURIComponent(event.data.id)}`;
  const where = { route: target.route.name, merchantId: event.data.id };
  const fields = legacyFields(event);
  const held = await ctx.deps.legacy.find(path);
  if (held === undefined) {
    ctx.log.warn(where, 'merchant change not fed: the legacy system has no such record');
    return false;
  }
  // FieldOps's fields are the reference here: only what the change would set is compared, with the route's tolerances.
  if (compareBodies(fields, legacyToFieldOps(held, mapping), mapping).length === 0) return false;
  await ctx.deps.legacy.update(path, fieldOpsToLegacy(fields, mapping), `fieldops-${event.id}`);
  ctx.log.info(where, 'merchant change fed to the legacy system');
  return true;
}

/** The merchants route, when this event is FieldOps's to feed to the legacy system. */
async function legacyTarget(ctx: MigrationContext, event: MerchantEvent): Promise<RouteWithMode | undefined> {
  // A change the import adapter brought from the legacy system is already there.
  if (event.actor === IMPORT_ACTOR || !ctx.deps.legacy) return undefined;
  const target = (await routesWithModes(ctx)).find((r) => r.route.prefix === '/api/v1/merchants');
  if (!target || servesWritesFrom(target.mode) !== 'fieldops') return undefined;
  // The side that served the write is the one of the mode in force when it was made, not when its event arrives:
  // a write made before the switch (a backlog still on its way) was the legacy system's to take, or no one's.
  if (Date.parse(event.time) < target.changedAt) return undefined;
  return target;
}

/** What the legacy system keeps of a merchant, in FieldOps's names (renamed to its own by the route's mapping). */
function legacyFields({ data: m }: MerchantEvent) {
  return {
    legalName: m.legalName,
    businessId: m.businessId,
    category: m.category,
    lat: m.lat,
    lng: m.lng,
    contacts: m.contacts.map((c) => ({ name: c.name, phone: c.phone })),
  };
}
