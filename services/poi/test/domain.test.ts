import { getCountryPolicy } from '@fieldops/countries';
import { describe, expect, it } from 'vitest';
import { judgeDuplicate } from '../src/domain/duplicate-score';
import { compareNearby, isAfter, nearbyKeyOf } from '../src/domain/nearby-order';
import { placeScopeOf } from '../src/domain/place-scope';
import { DEMO_CITIES } from '../src/seed/demo-cities';
import { placeDrafts } from '../src/seed/place-generator';

describe('judgeDuplicate', () => {
  it('scores the same name at the same spot 0.8, and with the same phone 1', () => {
    expect(judgeDuplicate({ nameSimilarity: 1, samePhone: false, distance: 10 })).toEqual({
      score: 0.8,
      reasons: ['name', 'distance 10 m'],
    });
    expect(judgeDuplicate({ nameSimilarity: 1, samePhone: true, distance: 3 })).toEqual({
      score: 1,
      reasons: ['name', 'phone', 'distance 3 m'],
    });
  });

  it('lets nearness fade out by 300 m', () => {
    const near = judgeDuplicate({ nameSimilarity: 0.9, samePhone: false, distance: 100 })?.score ?? 0;
    const far = judgeDuplicate({ nameSimilarity: 0.9, samePhone: false, distance: 299 })?.score ?? 0;
    expect(near).toBeGreaterThan(far);
    expect(judgeDuplicate({ nameSimilarity: 0.9, samePhone: false, distance: 4000 })).toEqual({ score: 0.54, reasons: ['name'] });
  });

  it('ignores a neighbour of another name, but not the same phone', () => {
    expect(judgeDuplicate({ nameSimilarity: 0.2, samePhone: false, distance: 5 })).toBeUndefined();
    expect(judgeDuplicate({ nameSimilarity: 0.2, samePhone: true, distance: undefined })).toEqual({ score: 0.42, reasons: ['phone'] });
  });
});

describe('nearby order', () => {
  it('orders by distance, then id, and continues strictly after a cursor', () => {
    const keys = [
      { distance: 5, id: 'b' },
      { distance: 5, id: 'a' },
      { distance: 1, id: 'z' },
    ].sort(compareNearby);
    expect(keys.map((k) => k.id)).toEqual(['z', 'a', 'b']);
    expect(isAfter({ distance: 5, id: 'a' }, { distance: 5, id: 'a' })).toBe(false);
    expect(isAfter({ distance: 5, id: 'b' }, { distance: 5, id: 'a' })).toBe(true);
    expect(isAfter({ distance: 4, id: 'z' }, { distance: 5, id: 'a' })).toBe(false);
  });

  it('reads back only cursors it could have written', () => {
    expect(nearbyKeyOf([12.5, 'id'])).toEqual({ distance: 12.5, id: 'id' });
    expect(nearbyKeyOf(['12', 'id'])).toBeUndefined();
    expect(nearbyKeyOf([-1, 'id'])).toBeUndefined();
    expect(nearbyKeyOf([1])).toBeUndefined();
  });
});

describe('place scope', () => {
  it('is the caller’s country, or every country for scope all', () => {
    expect(placeScopeOf({ scope: 'self', country: 'BR' })).toEqual({ country: 'BR' });
    expect(placeScopeOf({ scope: 'team', country: 'SG' })).toEqual({ country: 'SG' });
    expect(placeScopeOf({ scope: 'all', country: 'SG' })).toEqual({ country: null });
  });
});

describe('place generator', () => {
  it('is deterministic for a seed and varies with it', () => {
    const first = [...placeDrafts(DEMO_CITIES, 50, 42)];
    expect([...placeDrafts(DEMO_CITIES, 50, 42)]).toEqual(first);
    expect([...placeDrafts(DEMO_CITIES, 50, 43)]).not.toEqual(first);
  });

  it('takes the cities in turn, each place in its city’s country and vocabulary', () => {
    const drafts = [...placeDrafts(DEMO_CITIES, DEMO_CITIES.length * 2, 1)];
    const countries = DEMO_CITIES.map((c) => c.country);
    expect(drafts.map((d) => d.country)).toEqual([...countries, ...countries]);
    expect(drafts.every((d) => d.source === 'seed' && !d.name.includes('{'))).toBe(true);
  });

  it.each(DEMO_CITIES.map((c) => [c.key, c] as const))('writes phone numbers %s really issues', (_key, city) => {
    const policy = getCountryPolicy(city.country);
    const phones = [...placeDrafts([city], 3000, 5)].flatMap((d) => (d.phone ? [d.phone] : []));
    expect(phones.length).toBeGreaterThan(2000);
    for (const phone of phones) expect(policy.normalizePhone(phone), phone).toBe(phone);
  });
});
