import { MethodOptions_IdempotencyLevel } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { eventCatalogue, type PoiEventData, PoiService, poiEvents, rpcServiceOwners, validateEventData } from '../src/index';

describe('PoiService descriptor', () => {
  it('has the six read methods, all free of side effects, owned by the poi service', () => {
    expect(PoiService.typeName).toBe('fieldops.poi.v1.PoiService');
    expect(PoiService.methods.map((m) => m.name)).toEqual([
      'GetPlace',
      'BatchGetPlaces',
      'Nearby',
      'FindDuplicates',
      'PlacesInBoundingBox',
      'ExportPlaces',
    ]);
    for (const m of PoiService.methods) expect(m.idempotency).toBe(MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS);
    expect(rpcServiceOwners['fieldops.poi.v1.PoiService']).toBe('poi');
  });
});

describe('poi events', () => {
  const place: PoiEventData<'poi.place.created.v1'> = {
    id: 'p1',
    name: '星巴克（人民广场店）',
    address: '上海市黄浦区人民大道',
    category: 'cafe',
    phone: null,
    country: 'CN',
    lat: 31.2304,
    lng: 121.4737,
    source: 'rep',
    status: 'active',
    mergedInto: null,
    areaId: null,
    version: 1,
  };

  it('are all in the catalogue', () => {
    for (const type of Object.keys(poiEvents)) expect(Object.hasOwn(eventCatalogue, type)).toBe(true);
  });

  it('accepts a place snapshot and refuses an unknown category or an impossible latitude', () => {
    expect(validateEventData('poi.place.created.v1', place)).toEqual({ ok: true });
    expect(validateEventData('poi.place.updated.v1', { ...place, category: 'spaceport' }).ok).toBe(false);
    expect(validateEventData('poi.place.updated.v1', { ...place, lat: 91 }).ok).toBe(false);
    expect(validateEventData('poi.place.merged.v1', { ...place, status: 'merged', mergedInto: 'p0', version: 2 }).ok).toBe(true);
  });

  it('carries imported places in batches of at most 250', () => {
    const places = Array.from({ length: 250 }, (_, i) => ({ ...place, id: `p${i}`, source: 'seed' as const }));
    expect(validateEventData('poi.places.imported.v1', { batchId: 'b1', places }).ok).toBe(true);
    expect(validateEventData('poi.places.imported.v1', { batchId: 'b1', places: [...places, place] }).ok).toBe(false);
    expect(validateEventData('poi.places.imported.v1', { batchId: 'b1', places: [] }).ok).toBe(false);
  });
});
