import { type AreaEventData, AreaService } from '@fieldops/contracts';
import type { LatLngBox } from './box-cells';
import type { LatLng } from './distance';

/**
 * The area of located records (places, leads, merchants), kept by their owners: the most specific area holding each
 * point, from the area service's `ResolveArea`, and the same again for the records inside the boxes an area event
 * names. One module for every owner of located records; what an owner writes (and publishes) stays its own.
 */

/** ResolveArea takes this many points per call. */
export const RESOLVE_AREA_BATCH = 1000;

/** How a call is authorised: as the user who asked, or as the service itself. */
export type CallAs = () => Promise<{ headers: Record<string, string> }>;

interface AreaResolver {
  resolveArea(
    request: { points: LatLng[] },
    options: { headers: Record<string, string> },
  ): Promise<{ results: { areaId?: string; country?: string }[] }>;
}

/** The area holding a point and the country it belongs to (both null outside every area). */
export interface ResolvedArea {
  areaId: string | null;
  country: string | null;
}

/** What a service's context offers to reach the area service (the platform's ServiceContext has it). */
export interface AreaServiceReach {
  rpc: { isLocal(service: string): boolean; client(service: typeof AreaService): AreaResolver };
  config: { serviceUrls: Readonly<Record<string, string>> };
}

/**
 * The area holding each point (null outside every area), RESOLVE_AREA_BATCH points per call; undefined when the
 * area service neither runs in this process nor has a SERVICE_AREA_URL (the records then keep no area until it does).
 */
export async function resolveAreaIds(ctx: AreaServiceReach, points: LatLng[], callAs: CallAs): Promise<(string | null)[] | undefined> {
  return (await resolveAreas(ctx, points, callAs))?.map((found) => found.areaId);
}

/** As resolveAreaIds, with the country of each area. */
export async function resolveAreas(ctx: AreaServiceReach, points: LatLng[], callAs: CallAs): Promise<ResolvedArea[] | undefined> {
  if (!ctx.rpc.isLocal('area') && !ctx.config.serviceUrls.area) return undefined;
  if (points.length === 0) return [];
  const call = await callAs();
  const found: ResolvedArea[] = [];
  for (let start = 0; start < points.length; start += RESOLVE_AREA_BATCH) {
    const batch = points.slice(start, start + RESOLVE_AREA_BATCH).map(({ lat, lng }) => ({ lat, lng }));
    const { results } = await ctx.rpc.client(AreaService).resolveArea({ points: batch }, call);
    for (const result of results) found.push({ areaId: result.areaId ?? null, country: result.country ?? null });
  }
  return found;
}

/** A record on the map and the area it is in now. */
export interface LocatedRecord extends LatLng {
  id: string;
  area_id: string | null;
}

/** A record whose area is no longer the stored one. */
export interface AreaMove<T extends LocatedRecord> {
  record: T;
  areaId: string | null;
}

/** How one owner reads its records in a box and writes the moves (with whatever events it publishes). */
export interface LocatedRecords<T extends LocatedRecord> {
  /** Records inside the box, in id order after `after`. */
  inBox(box: LatLngBox, after: string | undefined, limit: number): Promise<T[]>;
  move(moves: AreaMove<T>[]): Promise<void>;
}

/**
 * Resolves again every record inside the boxes, a batch per round trip, and hands over those whose area differs.
 * Runs as the owning service (no user asked). Answers how many moved.
 */
export async function reassignAreas<T extends LocatedRecord>(
  ctx: AreaServiceReach & { asService: CallAs },
  boxes: LatLngBox[],
  records: LocatedRecords<T>,
): Promise<number> {
  let moved = 0;
  for (const box of boxes) {
    let after: string | undefined;
    for (;;) {
      const batch = await records.inBox(box, after, RESOLVE_AREA_BATCH);
      if (batch.length === 0) break;
      after = batch.at(-1)?.id;
      const areaIds = await resolveAreaIds(ctx, batch, ctx.asService);
      if (!areaIds) return moved;
      const moves = batch.flatMap((record, i) => {
        const areaId = areaIds[i] ?? null;
        return areaId === record.area_id ? [] : [{ record, areaId }];
      });
      if (moves.length > 0) await records.move(moves);
      moved += moves.length;
      if (batch.length < RESOLVE_AREA_BATCH) break;
    }
  }
  return moved;
}

/** An area drawn, redrawn or removed: the records inside these boxes may be in another area now. */
export interface AreaChange {
  areaId: string;
  version: number;
  boxes: LatLngBox[];
}

const asBox = ([minLng = 0, minLat = 0, maxLng = 0, maxLat = 0]: number[]): LatLngBox => ({ minLat, minLng, maxLat, maxLng });

const AREA_CHANGES: Record<string, (data: unknown) => AreaChange> = {
  'area.area.created.v1': (data) => {
    const area = data as AreaEventData<'area.area.created.v1'>;
    return { areaId: area.id, version: area.version, boxes: [asBox(area.bbox)] };
  },
  'area.area.geometry-changed.v1': (data) => {
    const changed = data as AreaEventData<'area.area.geometry-changed.v1'>;
    return { areaId: changed.areaId, version: changed.version, boxes: [asBox(changed.previousBbox), asBox(changed.bbox)] };
  },
  'area.area.deleted.v1': (data) => {
    const area = data as AreaEventData<'area.area.deleted.v1'>;
    return { areaId: area.id, version: area.version, boxes: [asBox(area.bbox)] };
  },
};

/**
 * The handlers of an owner's area-change consumer, one per area event that can move records: each reads the change
 * and calls `apply` with the consumer's own arguments (transaction, event writer, context).
 */
export function areaChangeHandlers<Rest extends unknown[]>(
  apply: (change: AreaChange, ...rest: Rest) => Promise<void>,
): Record<string, (event: { data: unknown }, ...rest: Rest) => Promise<void>> {
  return Object.fromEntries(
    Object.entries(AREA_CHANGES).map(([type, changeOf]) => [
      type,
      (event: { data: unknown }, ...rest: Rest) => apply(changeOf(event.data), ...rest),
    ]),
  );
}
