/** What decides between areas that contain the same point. */
export interface Ranked {
  id: string;
  /** Ids from the root down to the area itself. */
  pathIds: string[];
  priority: number;
  areaM2: number;
}

/** Between overlapping siblings: the higher priority, then the smaller area, then the lower id (stable). */
export function compareSiblings(a: Ranked, b: Ranked): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.areaM2 !== b.areaM2) return a.areaM2 - b.areaM2;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Orders candidates best first: the deepest (most specific) area wins; two equally deep ones are decided where
 * their branches part, by the siblings there. So a district under a higher-priority city beats a district of an
 * overlapping lower-priority city, as the cities' own priority says it should.
 */
export function compareCandidates(a: Ranked, b: Ranked, byId: (id: string) => Ranked | undefined): number {
  if (a.pathIds.length !== b.pathIds.length) return b.pathIds.length - a.pathIds.length;
  for (let i = 0; i < a.pathIds.length; i++) {
    const x = a.pathIds[i];
    const y = b.pathIds[i];
    if (x === y || x === undefined || y === undefined) continue;
    const left = byId(x);
    const right = byId(y);
    return left && right ? compareSiblings(left, right) : compareSiblings(a, b);
  }
  return compareSiblings(a, b);
}
