import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, type CountryCode, getCountryPolicy, workingIntervals, workingMinutesBetween } from '../src/index';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function add(code: CountryCode, from: string, minutes: number): string {
  const policy = getCountryPolicy(code);
  return iso(addWorkingMinutes(policy, policy.timezone, at(from), minutes));
}

/** mulberry32: a tiny seeded generator, so a failing case can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('working-time arithmetic', () => {
  it('splits a CN weekend into working and non-working stretches', () => {
    const cn = getCountryPolicy('CN');
    const intervals = workingIntervals(cn, cn.timezone, at('2026-03-06T17:30:00+08:00'), at('2026-03-09T10:00:00+08:00'));
    expect(intervals.map((i) => [iso(i.from), iso(i.to), i.working])).toEqual([
      // Friday 17:30-18:00 local is 09:30-10:00 UTC; the weekend runs to Monday 09:00 local (01:00 UTC).
      ['2026-03-06T09:30:00.000Z', '2026-03-06T10:00:00.000Z', true],
      ['2026-03-06T10:00:00.000Z', '2026-03-09T01:00:00.000Z', false],
      ['2026-03-09T01:00:00.000Z', '2026-03-09T02:00:00.000Z', true],
    ]);
    // 30 + 60
    expect(workingMinutesBetween(cn, cn.timezone, intervals[0]?.from ?? 0, intervals[2]?.to ?? 0)).toBe(90);
  });

  it('gives no working time for an empty or reversed range', () => {
    const sg = getCountryPolicy('SG');
    expect(workingIntervals(sg, sg.timezone, at('2026-03-02T10:00:00+08:00'), at('2026-03-02T10:00:00+08:00'))).toEqual([]);
    expect(workingMinutesBetween(sg, sg.timezone, at('2026-03-02T11:00:00+08:00'), at('2026-03-02T10:00:00+08:00'))).toBe(0);
  });

  it('skips the (provisional) 2027 Spring Festival week in CN', () => {
    // Thursday 2027-02-04 17:00: 60 minutes that day; Fri 02-05 to Sun 02-14 are off; 60 more from Mon 09:00.
    expect(add('CN', '2027-02-04T17:00:00+08:00', 120)).toBe('2027-02-15T02:00:00.000Z');
    // The make-up Saturday after it counts: Friday 02-19 17:00 + 120 = 60 that day + Saturday 02-20 09:00-10:00.
    expect(add('CN', '2027-02-19T17:00:00+08:00', 120)).toBe('2027-02-20T02:00:00.000Z');
  });

  it('skips Good Friday 2027 in SG', () => {
    // Thursday 03-25 17:00 + 120 = 60 on Thursday, Good Friday 03-26 and the weekend off, Monday 09:00 + 60.
    expect(add('SG', '2027-03-25T17:00:00+08:00', 120)).toBe('2027-03-29T02:00:00.000Z');
  });

  it('follows a daylight-saving change instead of a fixed offset', () => {
    // São Paulo moved from -03:00 to -02:00 at midnight on Sunday 2018-11-04. Saturday noon + 60 working minutes is
    // Monday 09:00 at -02:00, i.e. 11:00 UTC (a fixed -03:00 would say 12:00 UTC).
    expect(add('BR', '2018-11-03T12:00:00-03:00', 60)).toBe('2018-11-05T11:00:00.000Z');
    const br = getCountryPolicy('BR');
    // Friday 2018-11-02 17:00 to Monday 09:00 is 60 + 60 working minutes although the weekend lost an hour.
    expect(workingMinutesBetween(br, br.timezone, at('2018-11-02T17:00:00-03:00'), at('2018-11-05T09:00:00-02:00'))).toBe(120);
  });

  it('ends work that fills a day at closing time, not at the next opening', () => {
    // Monday 09:00 + 540 = the whole 09:00-18:00 day.
    expect(add('CN', '2026-03-02T09:00:00+08:00', 540)).toBe('2026-03-02T10:00:00.000Z');
  });

  it('adds 10,000 working minutes by whole days', () => {
    // 10,000 = 18 × 540 + 280. From Monday 2026-03-02 09:00 the 18 full days are Mar 2-6, 9-13, 16-20, 23-25
    // (no CN holiday in March), so the 19th working day, Thursday 03-26, ends it at 09:00 + 4 h 40 = 13:40 local.
    expect(add('CN', '2026-03-02T09:00:00+08:00', 10_000)).toBe('2026-03-26T05:40:00.000Z');
  });

  it('refuses negative minutes', () => {
    expect(() => add('CN', '2026-03-02T09:00:00+08:00', -1)).toThrow(RangeError);
  });

  it.each(['CN', 'SG', 'BR'] as const)('%s: adding then measuring working minutes gives them back (seeded)', (code) => {
    const policy = getCountryPolicy(code);
    const random = seeded(code.charCodeAt(0) * 31 + code.charCodeAt(1));
    const start = at('2026-01-01T00:00:00Z');
    const span = at('2027-10-01T00:00:00Z') - start;
    for (let run = 0; run < 200; run += 1) {
      const from = start + Math.floor(random() * span);
      const minutes = Math.floor(random() * 6000);
      const due = addWorkingMinutes(policy, policy.timezone, from, minutes);
      expect(workingMinutesBetween(policy, policy.timezone, from, due), `from ${iso(from)} + ${minutes}`).toBe(minutes);

      const to = from + Math.floor(random() * 20 * 86_400_000);
      const between = workingMinutesBetween(policy, policy.timezone, from, to);
      const back = addWorkingMinutes(policy, policy.timezone, from, between);
      // Going back lands on `to`, or on the end of the last working stretch before it.
      expect(back).toBeLessThanOrEqual(to);
      expect(workingMinutesBetween(policy, policy.timezone, back, to), `from ${iso(from)} to ${iso(to)}`).toBe(0);
    }
  });
});
