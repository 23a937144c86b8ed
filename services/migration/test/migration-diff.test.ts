import { describe, expect, it } from 'vitest';
import { compareBodies, type DiffMapping, EMPTY_MAPPING, fieldOpsToLegacy, legacyToFieldOps } from '../src/domain/diff-mapping';
import { maskSensitive } from '../src/domain/diff-masking';
import { parseRouteTable } from '../src/domain/route-table';

const mapping: DiffMapping = {
  ...EMPTY_MAPPING,
  renames: { shop_name: 'legalName', tel: 'phone', shops: 'items', updated: 'updatedAt' },
  ignore: ['version'],
  times: ['updatedAt'],
  timeToleranceMs: 1000,
  coordinates: ['lat'],
  coordinateTolerance: 0.00001,
  matchItemsBy: 'code',
};

describe('comparing a legacy answer with FieldOps after the route mapping', () => {
  it('renames legacy fields at every depth, and back for requests', () => {
    const legacy = { shops: [{ shop_name: 'A', contacts: [{ tel: '1' }] }] };
    const renamed = legacyToFieldOps(legacy, mapping);
    expect(renamed).toEqual({ items: [{ legalName: 'A', contacts: [{ phone: '1' }] }] });
    expect(fieldOpsToLegacy(renamed, mapping)).toEqual(legacy);
  });

  it('finds a changed field, and not one within its tolerance, ignored, or only FieldOps has', () => {
    const legacy = { legalName: 'Old', lat: 1.2903, updatedAt: '2026-01-01T00:00:00Z', version: 1 };
    const fieldops = { legalName: 'New', lat: 1.290304, updatedAt: '2026-01-01T00:00:00.900Z', version: 7, tier: 'A' };
    expect(compareBodies(legacy, fieldops, mapping)).toEqual([{ path: '/legalName', legacy: 'Old', fieldops: 'New' }]);
  });

  it('finds times and coordinates just beyond their tolerance', () => {
    const found = compareBodies(
      { lat: 1.29, updatedAt: '2026-01-01T00:00:00Z' },
      { lat: 1.29002, updatedAt: '2026-01-01T00:00:01.001Z' },
      mapping,
    );
    expect(found.map((d) => d.path)).toEqual(['/lat', '/updatedAt']);
  });

  it('pairs list items by the matching field, whatever their order, and reports one side missing an item', () => {
    const legacy = {
      items: [
        { code: 'b', legalName: 'B' },
        { code: 'a', legalName: 'A' },
        { code: 'c', legalName: 'C' },
      ],
    };
    const fieldops = {
      items: [
        { code: 'a', legalName: 'A' },
        { code: 'b', legalName: 'B' },
        { code: 'd', legalName: 'D' },
      ],
    };
    expect(compareBodies(legacy, fieldops, mapping).map((d) => d.path)).toEqual(['/items/code=c', '/items/code=d']);
  });

  it('treats a missing field and null alike', () => {
    expect(compareBodies({ legalName: null }, {}, mapping)).toEqual([]);
  });
});

describe('masking diff samples', () => {
  it('hides secrets and all but the last two digits of phone numbers, wherever they are', () => {
    const masked = maskSensitive({
      phone: '+65 9123 4567',
      contacts: [{ mobile: '91234567', name: 'Tan' }],
      password: 'hunter2',
      apiKey: 'k-123',
      note: 'call +6591234567 after 5',
      createdAt: '2026-01-01T00:00:00+08:00',
    });
    expect(masked).toEqual({
      phone: '••••••••67',
      contacts: [{ mobile: '••••••67', name: 'Tan' }],
      password: '***',
      apiKey: '***',
      note: 'call ••••••••67 after 5',
      createdAt: '2026-01-01T00:00:00+08:00',
    });
  });
});

describe('the route table file', () => {
  const route = { name: 'merchants', prefix: '/api/v1/merchants', legacyPrefix: '/crm/shops', mode: 'shadow' };

  it('reads routes with their mapping', () => {
    const [parsed] = parseRouteTable(JSON.stringify({ routes: [{ ...route, mapping: { renames: { shop_name: 'legalName' } } }] }));
    expect(parsed).toMatchObject({ name: 'merchants', mode: 'shadow', mapping: { renames: { shop_name: 'legalName' }, ignore: [] } });
  });

  it.each([
    [{ ...route, mode: 'both' }, /routes\[0\]\.mode/],
    [{ ...route, prefix: '/admin' }, /routes\[0\]\.prefix/],
    [{ ...route, name: 'Merchants!' }, /routes\[0\]\.name/],
    [{ ...route, mapping: { ignore: 'id' } }, /routes\[0\]\.mapping\.ignore/],
    [{ ...route, mapping: { timeToleranceMs: -1 } }, /routes\[0\]\.mapping\.timeToleranceMs/],
  ])('names what is wrong: %j', (bad, message) => {
    expect(() => parseRouteTable(JSON.stringify({ routes: [bad] }))).toThrow(message);
  });

  it('refuses a name used twice', () => {
    expect(() => parseRouteTable(JSON.stringify({ routes: [route, route] }))).toThrow(/appears twice/);
  });
});
