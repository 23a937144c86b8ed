import type { AreaContext } from '../config';
import { areaRepository } from '../db/area.repository';
import { compareSiblings } from '../domain/area-precedence';
import { siblingOverlaps } from '../domain/overlap';
import type { AreaIndexHolder } from './area-index-holder';
import type { AreaAccess } from './area-visibility';

export interface OverlapView {
  parentId: string | null;
  a: { id: string; name: string; priority: number };
  b: { id: string; name: string; priority: number };
  /** Approximate (sampled on a 32×32 grid over the boxes' intersection). */
  overlapM2: number;
  ratioOfSmaller: number;
  winnerId: string;
  decidedBy: 'priority' | 'smaller area' | 'id';
}

/** Overlapping siblings among the areas the caller sees in a country: a validation report before they bite. */
export async function listOverlaps(
  ctx: AreaContext,
  { scope: visibility }: AreaAccess,
  index: AreaIndexHolder,
  country: string,
): Promise<{ items: OverlapView[] }> {
  const visible = new Set(await areaRepository.idsVisible(ctx.db, visibility, country));
  const areas = (await index.current()).all().filter((a) => a.country === country && visible.has(a.id));
  const items = siblingOverlaps(areas).map((o): OverlapView => {
    const decidedBy = o.a.priority !== o.b.priority ? 'priority' : o.a.areaM2 !== o.b.areaM2 ? 'smaller area' : 'id';
    const side = (x: typeof o.a) => ({ id: x.id, name: x.name, priority: x.priority });
    return {
      parentId: o.a.parentId,
      a: side(o.a),
      b: side(o.b),
      overlapM2: Math.round(o.overlapM2),
      ratioOfSmaller: Math.round(o.ratioOfSmaller * 1000) / 1000,
      winnerId: (compareSiblings(o.a, o.b) <= 0 ? o.a : o.b).id,
      decidedBy,
    };
  });
  return { items };
}
