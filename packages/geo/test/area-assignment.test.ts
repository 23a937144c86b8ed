import { describe, expect, it } from 'vitest';
import { type AreaServiceReach, areaChangeHandlers, type LocatedRecord, reassignAreas, resolveAreaIds } from '../src/area-assignment';
import type { LatLng } from '../src/distance';

/** An area service that answers "east" east of 0° and nothing west of it, counting calls and points per call. */
function fakeReach(reachable = true) {
  const calls: number[] = [];
  const reach: AreaServiceReach & { asService: () => Promise<{ headers: Record<string, string> }> } = {
    rpc: {
      isLocal: (service) => reachable && service === 'area',
      client: () => ({
        async resolveArea({ points }: { points: LatLng[] }) {
          calls.push(points.length);
          return { results: points.map((p) => (p.lng > 0 ? { areaId: 'east' } : {})) };
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

describe('area assignment of located records', () => {
  it('resolves points a thousand per call, and nothing when no area service is reachable', async () => {
    const { reach, calls } = fakeReach();
    const ids = await resolveAreaIds(reach, records(2500, null), reach.asService);
    expect(calls).toEqual([1000, 1000, 500]);
    expect(ids?.slice(0, 2)).toEqual(['east', null]);
    expect(await resolveAreaIds(fakeReach(false).reach, records(3, null), reach.asService)).toBeUndefined();
  });

  it('pages through each box and hands over only the records whose area differs', async () => {
    const { reach } = fakeReach();
    const stored = records(2500, 'east');
    const moved: string[] = [];
    const count = await reassignAreas(reach, [{ minLat: -1, minLng: -2, maxLat: 1, maxLng: 2 }], {
      inBox: async (_box, after, limit) => stored.filter((r) => after === undefined || r.id > after).slice(0, limit),
      move: async (moves) => {
        for (const m of moves) moved.push(`${m.record.id}:${m.areaId}`);
      },
    });
    expect(count).toBe(1250);
    expect(moved[0]).toBe('000001:null');
    expect(new Set(moved).size).toBe(1250);
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
