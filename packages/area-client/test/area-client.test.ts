import { create } from '@bufbuild/protobuf';
import { AreaResolutionSchema, ResolveAreaResponseSchema } from '@fieldops/contracts';
import type { LatLng } from '@fieldops/geo';
import { describe, expect, it } from 'vitest';
import { type AreaServiceReach, areaChangeHandlers, areaMovesInBoxes, type LocatedRecord, resolveAreaIds, resolveAreas } from '../src';

/** An area service that answers "east" east of 0° and nothing west of it, counting calls and points per call. */
function fakeReach(reachable = true) {
  const calls: number[] = [];
  const reach: AreaServiceReach & { asService: () => Promise<{ headers: Record<string, string> }> } = {
    rpc: {
      isLocal: (service) => reachable && service === 'area',
      client: () => ({
        async resolveArea(request) {
          const points = (request.points ?? []) as LatLng[];
          calls.push(points.length);
          const results = points.map((p) =>
            p.lng > 0
              ? create(AreaResolutionSchema, { areaId: 'east', path: [{ id: 'east', name: 'East', kind: 'city' }] })
              : create(AreaResolutionSchema),
          );
          return create(ResolveAreaResponseSchema, { results });
        },
      }),
    },
    config: { serviceUrls: {} },
    asService: async () => ({ headers: { authorization: 'Bearer service' } }),
  };
  return { reach, calls };
}

const records = (count: number, areaId: string | null): LocatedRecord[] =>
  Array.from({ length: count }, (_, i) => ({ id: String(i).padStart(6, '0'), lat: 0, lng: i % 2 === 0 ? 1 : -1, area_id: areaId }));

describe('the area client', () => {
  it('resolves points a thousand per call, and nothing when no area service is reachable', async () => {
    const { reach, calls } = fakeReach();
    const ids = await resolveAreaIds(reach, records(2500, null), reach.asService);
    expect(calls).toEqual([1000, 1000, 500]);
    expect(ids?.slice(0, 2)).toEqual(['east', null]);
    expect(await resolveAreaIds(fakeReach(false).reach, records(3, null), reach.asService)).toBeUndefined();
  });

  it('answers the contract’s resolution with its path', async () => {
    const { reach } = fakeReach();
    const [east] = (await resolveAreas(reach, [{ lat: 0, lng: 1 }], reach.asService)) ?? [];
    expect(east?.path.map((step) => step.name)).toEqual(['East']);
  });

  it('pages through each box once per record and answers only the records whose area differs', async () => {
    const { reach } = fakeReach();
    const stored = records(2500, 'east');
    const inBox = async (_box: unknown, after: string | undefined, limit: number) =>
      stored.filter((r) => after === undefined || r.id > after).slice(0, limit);
    const box = { minLat: -1, minLng: -2, maxLat: 1, maxLng: 2 };
    const moves = await areaMovesInBoxes(reach, [box, box], inBox);
    expect(moves).toHaveLength(1250);
    expect(moves[0]).toEqual({ record: stored[1], areaId: null });
    expect(new Set(moves.map((m) => m.record.id)).size).toBe(1250);
    expect(await areaMovesInBoxes({ ...fakeReach(false).reach, asService: reach.asService }, [box], inBox)).toEqual([]);
  });

  it('reads the boxes of each area event that can move records', async () => {
    const seen: unknown[] = [];
    const handlers = areaChangeHandlers(async (change, extra: string) => {
      seen.push({ ...change, extra });
    });
    expect(Object.keys(handlers).sort()).toEqual(['area.area.created.v1', 'area.area.deleted.v1', 'area.area.geometry-changed.v1']);
    await handlers['area.area.geometry-changed.v1']?.(
      { data: { areaId: 'a1', country: 'SG', version: 3, bbox: [1, 2, 3, 4], previousBbox: [0, 1, 2, 3] } },
      'trx',
    );
    expect(seen).toEqual([
      {
        areaId: 'a1',
        version: 3,
        boxes: [
          { minLng: 0, minLat: 1, maxLng: 2, maxLat: 3 },
          { minLng: 1, minLat: 2, maxLng: 3, maxLat: 4 },
        ],
        extra: 'trx',
      },
    ]);
  });
});
