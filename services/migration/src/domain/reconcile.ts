import { compareBodies, type Difference, legacyToFieldOps } from './diff-mapping';
import type { MigrationRoute } from './route-table';

/** What two full listings of a route disagree on, item by item (paired by the mapping's `matchItemsBy`). */
export interface DriftReport {
  route: string;
  at: string;
  legacyItems: number;
  fieldopsItems: number;
  /** Keys only the legacy system has: writes not yet fed to FieldOps. */
  onlyLegacy: string[];
  /** Keys only FieldOps has: writes not yet fed to the legacy system. */
  onlyFieldOps: string[];
  /** Keys both have, with their differing fields. */
  differing: Array<{ key: string; differences: Difference[] }>;
  drift: number;
}

type Item = Record<string, unknown>;

function itemsOf(body: unknown): Item[] {
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw new Error('the listing has no items');
  return items.filter((item): item is Item => typeof item === 'object' && item !== null);
}

/**
 * Compares everything both systems hold for a route (the legacy listing renamed first) and says where they drift:
 * the evidence that feeding each side from the other lost nothing, before the legacy side is retired.
 */
export function reconcileListings(route: MigrationRoute, legacyListing: unknown, fieldopsListing: unknown, now: Date): DriftReport {
  const by = route.mapping.matchItemsBy;
  if (!by) throw new Error(`route ${route.name} has no mapping.matchItemsBy: its items cannot be paired`);
  const keyed = (items: Item[]) => new Map(items.map((item) => [String(item[by]), item]));
  const legacy = keyed(itemsOf(legacyToFieldOps(legacyListing, route.mapping)));
  const fieldops = keyed(itemsOf(fieldopsListing));
  const onlyLegacy = [...legacy.keys()].filter((key) => !fieldops.has(key)).sort();
  const onlyFieldOps = [...fieldops.keys()].filter((key) => !legacy.has(key)).sort();
  const differing: DriftReport['differing'] = [];
  for (const [key, item] of legacy) {
    const other = fieldops.get(key);
    if (!other) continue;
    const differences = compareBodies(item, other, route.mapping);
    if (differences.length > 0) differing.push({ key, differences });
  }
  differing.sort((a, b) => a.key.localeCompare(b.key));
  return {
    route: route.name,
    at: now.toISOString(),
    legacyItems: legacy.size,
    fieldopsItems: fieldops.size,
    onlyLegacy,
    onlyFieldOps,
    differing,
    drift: onlyLegacy.length + onlyFieldOps.length + differing.length,
  };
}
