export const ORG_UNIT_KINDS = ['country', 'city', 'team'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

/** Countries are roots; cities sit in a country; teams in a city or in another team. */
const ALLOWED_PARENT: Record<OrgUnitKind, (OrgUnitKind | null)[]> = {
  country: [null],
  city: ['country'],
  team: ['city', 'team'],
};

export function whyInvalidParent(kind: OrgUnitKind, parentKind: OrgUnitKind | null): string | undefined {
  if (ALLOWED_PARENT[kind].includes(parentKind)) return undefined;
  const allowed = ALLOWED_PARENT[kind].map((k) => k ?? 'no parent').join(' or ');
  return `a ${kind} must have ${allowed} as its parent, not ${parentKind ?? 'no parent'}`;
}

/** Materialised path: `/<root id>/…/<own id>/`; a subtree is every path with that prefix. */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** The `path` column's width: a deeper tree no longer fits. */
export const MAX_PATH_LENGTH = 760;

/** Whether `path` lies in the subtree whose root has `rootPath` (the root itself included). */
export function isWithinSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}
