import { isEventData, type MigrationEventData } from '@fieldops/contracts';
import type { MigrationContext } from '../config';
import { legacyToFieldOps } from '../domain/diff-mapping';
import { type LegacyChange, latestPerRecord } from '../domain/legacy-changes';
import type { MigrationRoute } from '../domain/route-table';
import { servesWritesFrom } from '../domain/write-side';
import { migrationEvents } from '../events/published';
import { routesWithModes } from './route-modes';

const FEED_PAGE = 200;

/**
 * The import adapter: while the legacy system takes a route's writes (`legacy`, `shadow`), its changes are read from
 * its feed and handed to the owning FieldOps service as events. The cursor advances in the transaction that appends
 * them, so a change is imported once however often the job runs, and a crash re-reads from the last committed one.
 * A created record becomes `migration.legacy.merchant-imported.v1`, a change to one `…merchant-updated.v1`; both carry
 * one merchant as its subject, so the merchant service applies a record's changes in the order the feed has them.
 */
export async function importLegacyChanges(ctx: MigrationContext): Promise<number> {
  let imported = 0;
  for (const { route, mode } of await routesWithModes(ctx)) {
    if (servesWritesFrom(mode) !== 'legacy' || !route.importAs || route.prefix !== '/api/v1/merchants') continue;
    imported += await importRoute(ctx, route);
  }
  return imported;
}

async function importRoute(ctx: MigrationContext, route: MigrationRoute): Promise<number> {
  const { legacy } = ctx.deps;
  const importAs = route.importAs;
  if (!legacy || !importAs) return 0;
  let imported = 0;
  for (;;) {
    const cursor = await ctx.db.selectFrom('migration_import_cursor').selectAll().where('route', '=', route.name).executeTakeFirst();
    const since = Number(cursor?.sequence ?? 0);
    const page = (await legacy.get(`${importAs.changesPath}?since=${since}&limit=${FEED_PAGE}`)) as { changes?: LegacyChange[] };
    const changes = (page.changes ?? []).filter((c) => c.sequence > since);
    if (changes.length === 0) return imported;
    await ctx.transact(async (trx, events) => {
      for (const change of latestPerRecord(changes, (record) => fieldOpsShaped(record, route).id)) {
        const event = importEvent(route, change);
        if (event) {
          await events.append(event);
          imported += 1;
        } else {
          // Left for reconciliation to report: a record FieldOps cannot take is drift, not a stuck feed.
          ctx.log.warn({ route: route.name, sequence: change.sequence }, 'legacy change cannot be imported');
        }
      }
      const sequence = Math.max(...changes.map((c) => c.sequence));
      const updated = await trx.updateTable('migration_import_cursor').set({ sequence }).where('route', '=', route.name).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0)
        await trx.insertInto('migration_import_cursor').values({ route: route.name, sequence }).execute();
    });
  }
}

/** The event that hands a change on to FieldOps; undefined when the record is not one FieldOps can take. */
function importEvent(route: MigrationRoute, change: LegacyChange) {
  const merchant = legacyMerchant(change.record, route);
  if (change.operation === 'updated') {
    const data = { route: route.name, legacySequence: change.sequence, merchant };
    return isEventData('migration.legacy.merchant-updated.v1', data) ? migrationEvents.merchantUpdated(data) : undefined;
  }
  const data = { route: route.name, legacySequence: change.sequence, merchant: { ...merchant, ...importDefaults(route, change.record) } };
  return isEventData('migration.legacy.merchant-imported.v1', data) ? migrationEvents.merchantImported(data) : undefined;
}

/** The fields both systems keep, in FieldOps's names. */
function legacyMerchant(record: unknown, route: MigrationRoute): MigrationEventData<'migration.legacy.merchant-updated.v1'>['merchant'] {
  const m = fieldOpsShaped(record, route);
  const contacts = Array.isArray(m.contacts) ? (m.contacts as Array<Record<string, unknown>>) : [];
  return {
    id: String(m.id ?? ''),
    legalName: String(m.legalName ?? ''),
    businessId: String(m.businessId ?? ''),
    category: String(m.category ?? ''),
    lat: Number(m.lat),
    lng: Number(m.lng),
    contacts: contacts.map((c) => ({ name: String(c.name ?? ''), phone: typeof c.phone === 'string' ? c.phone : null })),
  };
}

/** What a created record gets that the legacy system does not know (the route's `importAs`), and its creation time. */
function importDefaults(route: MigrationRoute, record: unknown) {
  const { createdAt } = fieldOpsShaped(record, route);
  return {
    country: route.importAs?.country ?? '',
    ownerId: route.importAs?.ownerId ?? '',
    ...(typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) ? { createdAt: new Date(createdAt).toISOString() } : {}),
  };
}

function fieldOpsShaped(record: unknown, route: MigrationRoute): Record<string, unknown> {
  return (legacyToFieldOps(record, route.mapping) ?? {}) as Record<string, unknown>;
}
