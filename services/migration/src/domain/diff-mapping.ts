/**
 * How one route's answers from the legacy system line up with FieldOps's: legacy field names renamed to FieldOps's
 * (at every depth), fields that cannot agree ignored (ids, versions), and tolerances for values that agree only
 * approximately (timestamps rounded by the old system, coordinates stored with fewer decimals).
 */
export interface DiffMapping {
  /** legacy field → FieldOps field. */
  renames: Record<string, string>;
  /** FieldOps field names left out of the comparison, at any depth. */
  ignore: string[];
  /** FieldOps fields holding times (ISO 8601 or epoch ms) and how far apart they may be. */
  times: string[];
  timeToleranceMs: number;
  /** FieldOps fields holding degrees and how far apart they may be. */
  coordinates: string[];
  coordinateTolerance: number;
  /** The field that pairs the items of two lists (ids differ between the systems); unset: by position. */
  matchItemsBy?: string;
}

export const EMPTY_MAPPING: DiffMapping = {
  renames: {},
  ignore: [],
  times: [],
  timeToleranceMs: 0,
  coordinates: [],
  coordinateTolerance: 0,
};

export interface Difference {
  /** JSON Pointer into the FieldOps-shaped answer. */
  path: string;
  legacy: unknown;
  fieldops: unknown;
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Renames the keys of a JSON value at every depth (legacy → FieldOps, or back with the inverted map). */
export function renameKeys(value: Json, renames: Record<string, string>): Json {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, renames));
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [renames[key] ?? key, renameKeys(inner, renames)]));
}

export function invert(renames: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(renames).map(([legacy, fieldops]) => [fieldops, legacy]));
}

/** The legacy answer in FieldOps's shape: what clients are served and what the comparison reads. */
export function legacyToFieldOps(body: Json, mapping: DiffMapping): Json {
  return renameKeys(body, mapping.renames);
}

export function fieldOpsToLegacy(body: Json, mapping: DiffMapping): Json {
  return renameKeys(body, invert(mapping.renames));
}

function asTime(value: Json): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function leafEqual(field: string, legacy: Json, fieldops: Json, mapping: DiffMapping): boolean {
  if (mapping.times.includes(field)) {
    const a = asTime(legacy);
    const b = asTime(fieldops);
    if (a !== undefined && b !== undefined) return Math.abs(a - b) <= mapping.timeToleranceMs;
  }
  if (mapping.coordinates.includes(field) && typeof legacy === 'number' && typeof fieldops === 'number') {
    return Math.abs(legacy - fieldops) <= mapping.coordinateTolerance;
  }
  return legacy === fieldops;
}

/**
 * Every place where the legacy answer (already renamed) and FieldOps's disagree. The legacy answer is the
 * reference: a field only FieldOps has is something the old system never knew, not a difference; a field or list
 * item the legacy answer has and FieldOps lacks is one. Missing and null count as the same: old systems often
 * leave empty fields out.
 */
export function compareBodies(legacy: Json, fieldops: Json, mapping: DiffMapping): Difference[] {
  const found: Difference[] = [];
  walk(legacy, fieldops, '', '', mapping, found);
  return found;
}

function walk(legacy: Json, fieldops: Json, path: string, field: string, mapping: DiffMapping, found: Difference[]): void {
  if ((legacy ?? null) === null && (fieldops ?? null) === null) return;
  if (Array.isArray(legacy) && Array.isArray(fieldops)) {
    for (const [suffix, pair] of pairItems(legacy, fieldops, mapping.matchItemsBy)) {
      walk(pair.legacy, pair.fieldops, `${path}/${suffix}`, field, mapping, found);
    }
    return;
  }
  if (isObject(legacy) && isObject(fieldops)) {
    for (const key of Object.keys(legacy)) {
      if (mapping.ignore.includes(key)) continue;
      walk(legacy[key], fieldops[key], `${path}/${pointerSegment(key)}`, key, mapping, found);
    }
    return;
  }
  if (!leafEqual(field, legacy, fieldops, mapping)) found.push({ path: path || '/', legacy, fieldops });
}

function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Pairs list items by the matching field when both carry it, else by position; an unpaired item pairs with undefined. */
function pairItems(legacy: Json[], fieldops: Json[], by: string | undefined): Map<string, { legacy: Json; fieldops: Json }> {
  const pairs = new Map<string, { legacy: Json; fieldops: Json }>();
  const keyOf = (item: Json, index: number) =>
    by && isObject(item) && item[by] !== undefined ? `${by}=${String(item[by])}` : String(index);
  for (const [index, item] of legacy.entries()) pairs.set(keyOf(item, index), { legacy: item, fieldops: undefined });
  for (const [index, item] of fieldops.entries()) {
    const key = keyOf(item, index);
    pairs.set(key, { legacy: pairs.get(key)?.legacy, fieldops: item });
  }
  return pairs;
}
