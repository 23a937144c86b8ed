export const AREA_KINDS = ['country', 'city', 'district', 'grid'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

/** Countries are roots; cities sit in a country; below a city, districts and grids nest to any depth. */
const ALLOWED_PARENT: Record<AreaKind, (AreaKind | null)[]> = {
  country: [null],
  city: ['country'],
  district: ['city', 'district'],
  grid: ['city', 'district', 'grid'],
};

export function whyInvalidParent(kind: AreaKind, parentKind: AreaKind | null): string | undefined {
  if (ALLOWED_PARENT[kind].includes(parentKind)) return undefined;
  const allowed = ALLOWED_PARENT[kind].map((k) => k ?? 'no parent').join(' or ');
  return `a ${kind} must have ${allowed} as its parent, not ${parentKind ?? 'no parent'}`;
}

/** Materialised path `/<root id>/…/<own id>/`, as org units keep it: a subtree is every path with that prefix. */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function pathIds(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

/** The `path` column's width (20 levels of UUIDs). */
export const MAX_PATH_LENGTH = 760;
