import { uuidv7 } from 'uuidv7';
import type { AreaContext } from '../config';
import { previewRepository } from '../db/preview.repository';
import { type AreaGeometry, type BBox, bboxOf, unionBBox } from '../domain/geometry';
import { type Move, movesOf } from '../domain/moves';
import { rowBBox } from '../events/published';
import type { AreaMoveSource } from '../moves/area-move-source';
import { type AreaIndexHolder, toIndexedArea } from './area-index-holder';
import { areaInScope } from './area-rules';
import type { AreaAccess } from './area-visibility';

export interface GeometryPreview {
  previewId: string;
  areaId: string;
  /** The version the preview was computed against; applying it needs the area unchanged. */
  areaVersion: number;
  expiresAt: string;
  /** WGS-84: the old box ∪ the new one, where anything could move. */
  bbox: BBox;
  /** The owners asked: `place` now; merchants and leads join as their services arrive. */
  sources: string[];
  moves: Move[];
  counts: Record<string, number>;
  /** Sources that had more records in the box than one preview examines. */
  truncated: string[];
  /** Names of the areas the moves mention. */
  areas: Record<string, { name: string; kind: string }>;
}

/**
 * What a new polygon would move, before anything changes: every source lists its records in the old box ∪ the
 * new box, and each record is resolved against the index as it is and as it would be with the new polygon.
 * The geometry is kept under a preview id for `apply`.
 */
export async function previewGeometry(
  ctx: AreaContext,
  access: AreaAccess,
  holder: AreaIndexHolder,
  sources: AreaMoveSource[],
  areaId: string,
  geometry: AreaGeometry,
  options: { ttlMs: number; recordLimit: number },
): Promise<GeometryPreview> {
  const area = await areaInScope(ctx.db, access.scope, areaId);
  const before = await holder.current();
  const after = before.with({ put: toIndexedArea({ ...area, geometry: JSON.stringify(geometry) }) });
  const bbox = unionBBox(rowBBox(area), bboxOf(geometry));
  const moves: Move[] = [];
  const counts: Record<string, number> = {};
  const truncated: string[] = [];
  for (const source of sources) {
    const batch = await source.recordsIn(bbox, access.caller, options.recordLimit);
    const found = movesOf(source.kind, batch.records, before, after);
    moves.push(...found);
    counts[source.kind] = found.length;
    if (batch.truncated) truncated.push(source.kind);
  }
  const now = ctx.clock.now();
  const preview = {
    id: uuidv7(),
    area_id: area.id,
    area_version: Number(area.version),
    geometry: JSON.stringify(geometry),
    created_by: access.caller.userId,
    created_at: now,
    expires_at: now + options.ttlMs,
  };
  await previewRepository.insert(ctx.db, preview);
  const areas: GeometryPreview['areas'] = {};
  for (const id of new Set(moves.flatMap((m) => [m.from, m.to]))) {
    const named = id ? (after.get(id) ?? before.get(id)) : undefined;
    if (id && named) areas[id] = { name: named.name, kind: named.kind };
  }
  return {
    previewId: preview.id,
    areaId: area.id,
    areaVersion: preview.area_version,
    expiresAt: new Date(preview.expires_at).toISOString(),
    bbox,
    sources: sources.map((s) => s.kind),
    moves,
    counts,
    truncated,
    areas,
  };
}
