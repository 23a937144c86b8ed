import { createCountryRegistry, getCountryPolicy } from '@fieldops/countries';
import { describe, expect, it } from 'vitest';
import { splitTarget } from '../src/domain/cascade';
import { isoWeekOf, parsePeriod, periodKeysOf } from '../src/domain/period';
import { dueClosingReminders } from '../src/domain/period-closing';
import { parseSubject } from '../src/domain/subject';
import { merchantsRetained } from '../src/metrics/merchants-retained';

describe('periods', () => {
  it('reads a day, an ISO week, a month and a quarter', () => {
    expect(parsePeriod('2026-12-04')).toEqual({ kind: 'day', key: '2026-12-04' });
    expect(parsePeriod('2026-W49')).toEqual({ kind: 'week', key: '2026-W49' });
    expect(parsePeriod('2026-12')).toEqual({ kind: 'month', key: '2026-12' });
    expect(parsePeriod('2026-Q4')).toEqual({ kind: 'quarter', key: '2026-Q4' });
  });

  it('refuses what names no period', () => {
    for (const bad of ['2026-13', '2026-02-30', '2026-W54', '2026-W00', '2026-Q5', '2026', 'december', '2026-12-4']) {
      expect(parsePeriod(bad), bad).toBeUndefined();
    }
    // 2026 has 53 ISO weeks (it starts on a Thursday), 2027 has 52.
    expect(parsePeriod('2026-W53')).toBeDefined();
    expect(parsePeriod('2027-W53')).toBeUndefined();
  });

  it('puts a day in its ISO week, even across a year end', () => {
    expect(isoWeekOf('2026-12-04')).toEqual({ year: 2026, week: 49 });
    expect(isoWeekOf('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(periodKeysOf('2027-01-01')).toEqual({ day: '2027-01-01', week: '2026-W53', month: '2027-01', quarter: '2027-Q1' });
    expect(periodKeysOf('2026-09-30').quarter).toBe('2026-Q3');
  });
});

describe('subjects', () => {
  it('reads a rep or a team', () => {
    expect(parseSubject('user:abc')).toEqual({ type: 'user', id: 'abc' });
    expect(parseSubject('org-unit:x-1')).toEqual({ type: 'org-unit', id: 'x-1' });
    expect(parseSubject('team:abc')).toBeUndefined();
    expect(parseSubject('user:')).toBeUndefined();
  });
});

describe('target cascade', () => {
  it('splits evenly in whole units that add up to the team target', () => {
    expect(splitTarget(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitTarget(9, [1, 1, 1])).toEqual([3, 3, 3]);
  });

  it('splits by weight, leftovers to the largest remainders', () => {
    expect(splitTarget(100, [2, 1, 1])).toEqual([50, 25, 25]);
    expect(splitTarget(10, [3, 3, 1])).toEqual([4, 4, 2]);
    const shares = splitTarget(1_000_003, [7, 11, 13, 17]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(1_000_003);
  });
});

describe('period closing reminders', () => {
  const due = (today: string, closed: string[] = []) =>
    dueClosingReminders('SG', today, new Set(closed)).map((d) => `${d.period.id}:${d.daysLeft}`);

  it('the running month is due from three local days before its end, today counting', () => {
    expect(due('2026-11-27')).toEqual([]);
    expect(due('2026-11-28')).toEqual(['SG-2026-11:3']);
    expect(due('2026-11-30')).toEqual(['SG-2026-11:1']);
    // February ends on the 28th (2027 is not a leap year).
    expect(due('2027-02-26')).toEqual(['SG-2027-02:3']);
  });

  it('an ended month is still due for three days while it is open, never once closed', () => {
    expect(due('2026-12-01')).toEqual(['SG-2026-11:0']);
    expect(due('2026-12-03')).toEqual(['SG-2026-11:0']);
    expect(due('2026-12-04')).toEqual([]);
    expect(due('2026-12-02', ['2026-11'])).toEqual([]);
    // Across the year's end.
    expect(due('2027-01-01')).toEqual(['SG-2026-12:0']);
  });
});

describe('merchants retained', () => {
  const count = merchantsRetained.counts['merchant.merchant.status-changed.v1'];
  const owner = { ownerId: 'rep', orgUnitId: 'team', agencyId: null, areaId: null, country: 'CN' };
  const activatedAt = Date.UTC(2026, 0, 1);
  const churnAfter = (days: number) =>
    ({
      id: 'event',
      type: 'merchant.merchant.status-changed.v1',
      time: new Date(activatedAt + days * 86_400_000).toISOString(),
      data: { merchantId: 'merchant', from: 'active', to: 'churned', version: 3 },
    }) as never;

  it('a churn within the country’s retention days takes the credit back; one after it changes nothing', () => {
    const china = getCountryPolicy('CN').merchantRetentionDays;
    const singapore = getCountryPolicy('SG').merchantRetentionDays;
    expect(china).toBeLessThan(singapore);
    const days = Math.floor((china + singapore) / 2);
    // Seventy-odd days after its activation: past China's retention, within Singapore's.
    expect(count?.(churnAfter(days), { merchant: owner, activatedAt, retentionDays: china })).toBeUndefined();
    expect(count?.(churnAfter(days), { merchant: owner, activatedAt, retentionDays: singapore })).toMatchObject({
      credit: 0,
      occurredAt: activatedAt + days * 86_400_000,
    });
    expect(count?.(churnAfter(china - 1), { merchant: owner, activatedAt, retentionDays: china })).toMatchObject({ credit: 0 });
  });

  it('a country’s retention days can be set in its overrides, and must be a positive whole number', () => {
    expect(createCountryRegistry({ overrides: { SG: { merchantRetentionDays: 30 } } }).get('SG').merchantRetentionDays).toBe(30);
    expect(() => createCountryRegistry({ overrides: { SG: { merchantRetentionDays: 0 } } })).toThrow(/merchantRetentionDays/);
  });
});
