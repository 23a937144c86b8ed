import { MIGRATION_MODES, type MigrationMode } from '@fieldops/contracts';
import { type DiffMapping, EMPTY_MAPPING } from './diff-mapping';

/**
 * The route table file (`MIGRATION_ROUTES_FILE`): each route's prefixes, mapping and starting mode. Where a
 * route's traffic goes while it moves off the legacy system, in the order a route walks them:
 * `legacy` forwards to it; `shadow` serves from it and compares FieldOps's answer to reads in the background;
 * `primary-new` serves from FieldOps and compares the legacy answer; `new` is FieldOps alone.
 */
export { MIGRATION_MODES, type MigrationMode };

export interface MigrationRoute {
  name: string;
  /** The FieldOps path prefix clients call, e.g. `/api/v1/merchants`. */
  prefix: string;
  /** The same resource on the legacy system, e.g. `/crm/shops`; the rest of the path is kept. */
  legacyPrefix: string;
  /** The mode the file asks for: where a new route starts, and a switch when an operator edits it. */
  mode: MigrationMode;
  mapping: DiffMapping;
  /** What the import adapter gives the records it creates in FieldOps that the legacy system does not know. */
  importAs?: ImportDefaults;
}

export interface ImportDefaults {
  country: string;
  /** The FieldOps user who owns imported records. */
  ownerId: string;
  /** The legacy system's change feed, read with `?since=<sequence>`. */
  changesPath: string;
}

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

function isMode(value: unknown): value is MigrationMode {
  return MIGRATION_MODES.some((mode) => mode === value);
}

function stringList(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new Error(`${where} must be a list of field names`);
  return value;
}

function parseMapping(raw: unknown, where: string): DiffMapping {
  if (raw === undefined) return EMPTY_MAPPING;
  if (typeof raw !== 'object' || raw === null) throw new Error(`${where} must be an object`);
  const m = raw as Record<string, unknown>;
  const renames = m.renames ?? {};
  if (typeof renames !== 'object' || renames === null || !Object.values(renames).every((v) => typeof v === 'string')) {
    throw new Error(`${where}.renames must map legacy field names to FieldOps field names`);
  }
  const number = (key: string) => {
    const value = m[key] ?? 0;
    if (typeof value !== 'number' || value < 0) throw new Error(`${where}.${key} must be a number ≥ 0`);
    return value;
  };
  if (m.matchItemsBy !== undefined && typeof m.matchItemsBy !== 'string') throw new Error(`${where}.matchItemsBy must be a field name`);
  return {
    renames: renames as Record<string, string>,
    ignore: stringList(m.ignore, `${where}.ignore`),
    times: stringList(m.times, `${where}.times`),
    timeToleranceMs: number('timeToleranceMs'),
    coordinates: stringList(m.coordinates, `${where}.coordinates`),
    coordinateTolerance: number('coordinateTolerance'),
    ...(typeof m.matchItemsBy === 'string' ? { matchItemsBy: m.matchItemsBy } : {}),
  };
}

function parseImportDefaults(raw: unknown, where: string): ImportDefaults {
  const d = (raw ?? {}) as Record<string, unknown>;
  if (typeof d.country !== 'string' || !/^[A-Z]{2}$/.test(d.country)) throw new Error(`${where}.country must be a country code`);
  if (typeof d.ownerId !== 'string' || d.ownerId.length === 0) throw new Error(`${where}.ownerId must be a user id`);
  if (typeof d.changesPath !== 'string' || !d.changesPath.startsWith('/')) throw new Error(`${where}.changesPath must be a path`);
  return { country: d.country, ownerId: d.ownerId, changesPath: d.changesPath };
}

/** Reads `{ "routes": [...] }`, naming the first thing wrong. */
export function parseRouteTable(text: string): MigrationRoute[] {
  const doc = JSON.parse(text) as { routes?: unknown };
  if (!Array.isArray(doc.routes)) throw new Error('expected { "routes": [...] }');
  const names = new Set<string>();
  return doc.routes.map((raw: unknown, index: number) => {
    const where = `routes[${index}]`;
    const r = (raw ?? {}) as Record<string, unknown>;
    if (typeof r.name !== 'string' || !NAME.test(r.name)) throw new Error(`${where}.name must be lower-case letters, digits and dashes`);
    if (names.has(r.name)) throw new Error(`${where}.name "${r.name}" appears twice`);
    names.add(r.name);
    if (typeof r.prefix !== 'string' || !r.prefix.startsWith('/api/')) throw new Error(`${where}.prefix must be a path under /api/`);
    if (typeof r.legacyPrefix !== 'string' || !r.legacyPrefix.startsWith('/')) throw new Error(`${where}.legacyPrefix must be a path`);
    if (!isMode(r.mode)) throw new Error(`${where}.mode must be one of ${MIGRATION_MODES.join(', ')}`);
    return {
      name: r.name,
      prefix: r.prefix.replace(/\/$/, ''),
      legacyPrefix: r.legacyPrefix.replace(/\/$/, ''),
      mode: r.mode,
      mapping: parseMapping(r.mapping, `${where}.mapping`),
      ...(r.importAs === undefined ? {} : { importAs: parseImportDefaults(r.importAs, `${where}.importAs`) }),
    };
  });
}
