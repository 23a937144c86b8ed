import { describe, expect, it } from 'vitest';
import { checkInSignals, photoSignals } from '../src/domain/assess-visit';
import { clockSkewSignal } from '../src/domain/clock-signals';
import { accuracyConstantSignal, accuracyTooGoodSignal, impossibleSpeedSignal } from '../src/domain/location-signals';
import type { PhotoFacts } from '../src/domain/photo-signals';
import { riskScoreOf, verificationOf } from '../src/domain/risk-signal';
import { answerProblems } from '../src/domain/visit-answers';

const SHOP = { lat: 1.3, lng: 103.85 };
const AT = Date.UTC(2026, 10, 2, 3, 0);
const MIN = 60_000;
const honest = {
  fix: { ...SHOP, accuracyM: 11.3, at: AT },
  deviceTime: AT,
  mockLocation: false,
  offline: false,
  receivedAt: AT + 2_000,
  distanceM: 20,
  radiusM: 150,
  recentAccuracies: [9.1, 14.2, 6.7, 20.5],
  neighbours: [{ lat: 1.31, lng: 103.85, accuracyM: 9.1, at: AT - 40 * MIN }],
};
const photo = (overrides: Partial<PhotoFacts> = {}): PhotoFacts => ({
  id: 'f1',
  sha256: 'a'.repeat(64),
  takenAt: AT + 5 * MIN,
  gpsLat: SHOP.lat,
  gpsLng: SHOP.lng,
  ...overrides,
});
const photoFacts = { requested: ['f1'], reusedOn: new Map<string, string[]>(), window: { from: AT, to: AT + 20 * MIN }, checkIn: SHOP };

describe('check-in risk signals', () => {
  it('an honest check-in raises none', () => {
    expect(checkInSignals(honest)).toEqual([]);
  });

  it('each fraud pattern raises its own signal, explained', () => {
    const codes = (facts: Partial<typeof honest>) => checkInSignals({ ...honest, ...facts }).map((s) => s.code);
    expect(codes({ mockLocation: true })).toEqual(['mock-location']);
    expect(codes({ distanceM: 400 })).toEqual(['far-from-target']);
    expect(codes({ fix: { ...honest.fix, accuracyM: 1 } })).toEqual(['accuracy-too-good']);
    expect(codes({ recentAccuracies: [11.3, 11.3, 11.3, 11.3] })).toEqual(['accuracy-constant']);
    expect(codes({ receivedAt: AT - 30 * MIN })).toEqual(['clock-skew']);
  });

  it('accuracy counts as constant only over a full run of five visits', () => {
    expect(accuracyConstantSignal(5, [5, 5, 5])).toBeNull();
    expect(accuracyConstantSignal(5, [5, 5, 5, 6])).toBeNull();
    expect(accuracyConstantSignal(5, [5, 5, 5, 5, 9])?.detail).toBe('accuracy 5 m on 5 visits in a row');
    expect(accuracyTooGoodSignal(2)).toBeNull();
  });

  it('impossible speed looks at the neighbours on both sides, and ignores hops within GPS noise', () => {
    const fix = { ...SHOP, accuracyM: 10, at: AT };
    const tenKmNorth = { lat: SHOP.lat + 10_000 / 111_195, lng: SHOP.lng, accuracyM: 10 };
    expect(impossibleSpeedSignal(fix, [{ ...tenKmNorth, at: AT + 30 * MIN }])).toBeNull();
    expect(impossibleSpeedSignal(fix, [{ ...tenKmNorth, at: AT + 5 * MIN }])?.detail).toBe(
      '10000 m from another visit in 300 s (120 km/h)',
    );
    expect(impossibleSpeedSignal(fix, [{ ...tenKmNorth, at: AT - 2 * MIN }])?.code).toBe('impossible-speed');
    expect(impossibleSpeedSignal(fix, [{ lat: SHOP.lat + 0.005, lng: SHOP.lng, accuracyM: 10, at: AT + 1_000 }])).toBeNull();
  });

  it('clock skew: a device ahead always counts; behind counts only for a live check-in, not an offline replay', () => {
    expect(clockSkewSignal(AT + 10 * MIN, AT, true)?.detail).toBe('device clock 10 min ahead of the server');
    expect(clockSkewSignal(AT - 3 * 60 * MIN, AT, true)).toBeNull();
    expect(clockSkewSignal(AT - 30 * MIN, AT, false)?.detail).toBe('device clock 30 min behind the server on a live check-in');
    expect(clockSkewSignal(AT - 4 * MIN, AT, false)).toBeNull();
  });
});

describe('photo signals', () => {
  it('a fresh photo taken at the shop during the visit raises none', () => {
    expect(photoSignals({ ...photoFacts, photos: [photo()] })).toEqual([]);
  });

  it('a photo whose bytes are evidence of another visit is reused', () => {
    const reusedOn = new Map([['a'.repeat(64), ['visit-7']]]);
    expect(photoSignals({ ...photoFacts, photos: [photo()], reusedOn })).toEqual([
      { code: 'photo-reused', weight: 60, detail: 'photo f1 is also evidence of visit visit-7' },
    ]);
  });

  it('a photo reused on many visits names a few of them and says there are others', () => {
    const reusedOn = new Map([['a'.repeat(64), ['visit-1', 'visit-2', 'visit-3', 'visit-4']]]);
    expect(photoSignals({ ...photoFacts, photos: [photo()], reusedOn })).toEqual([
      { code: 'photo-reused', weight: 60, detail: 'photo f1 is also evidence of visit visit-1, visit-2, visit-3 and others' },
    ]);
  });

  it('EXIF time outside the visit and EXIF place away from the check-in are signals; missing EXIF is not', () => {
    const old = photo({ takenAt: AT - 3 * 60 * MIN });
    const elsewhere = photo({ id: 'f2', gpsLat: SHOP.lat + 0.02 });
    const codes = photoSignals({ ...photoFacts, requested: ['f1', 'f2'], photos: [old, elsewhere] }).map((s) => s.code);
    expect(codes).toEqual(['photo-time-far', 'photo-place-far']);
    expect(photoSignals({ ...photoFacts, photos: [photo({ takenAt: null, gpsLat: null, gpsLng: null })] })).toEqual([]);
  });

  it('a photo id the file service does not know is evidence that cannot be checked', () => {
    expect(photoSignals({ ...photoFacts, requested: ['f1', 'ghost'], photos: [photo()] }).map((s) => s.code)).toEqual(['photo-missing']);
  });
});

describe('risk score', () => {
  it('adds the weights, each code once, and sends a visit at the threshold to review', () => {
    const signals = [
      { code: 'photo-time-far', weight: 30, detail: 'a' },
      { code: 'photo-time-far', weight: 30, detail: 'b' },
      { code: 'accuracy-too-good', weight: 25, detail: 'c' },
    ];
    expect(riskScoreOf(signals)).toBe(55);
    expect(verificationOf(55, 50)).toBe('pending-review');
    expect(verificationOf(49, 50)).toBe('verified');
  });
});

describe('check-out answers', () => {
  const template = [
    { id: 'open', label: 'Open?', type: 'yes-no', required: true },
    { id: 'count', label: 'Count', type: 'number', required: false, min: 0, max: 10 },
    { id: 'state', label: 'State', type: 'choice', required: true, options: ['good', 'bad'] },
    { id: 'note', label: 'Note', type: 'text', required: false, maxLength: 5 },
  ] as const;

  it('accepts answers of the right types, optional ones left out', () => {
    expect(answerProblems(template, { open: false, state: 'bad' })).toEqual([]);
  });

  it('names every missing, mistyped, out-of-range or unknown answer', () => {
    expect(answerProblems(template, { count: 11, state: 'meh', note: 'too long', extra: 1 })).toEqual([
      { field: '/body/answers/open', message: 'is required: Open?' },
      { field: '/body/answers/count', message: 'must be at most 10' },
      { field: '/body/answers/state', message: 'must be one of good, bad' },
      { field: '/body/answers/note', message: 'must be at most 5 characters' },
      { field: '/body/answers/extra', message: 'is not a question of this visit type' },
    ]);
    expect(answerProblems(template, { open: 'yes', state: 'good' })).toEqual([
      { field: '/body/answers/open', message: 'must be true or false' },
    ]);
  });
});
