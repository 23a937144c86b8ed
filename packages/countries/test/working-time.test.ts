import { describe, expect, it } from 'vitest';
import { getCountryPolicy, supportedCountries } from '../src/index';

const at = (iso: string) => Date.parse(iso);

describe('working time', () => {
  const cn = getCountryPolicy('CN');

  it('CN treats a Spring Festival weekday as a holiday', () => {
    expect(cn.isWorkingTime(at('2026-02-17T10:00:00+08:00'))).toBe(false);
    expect(cn.isWorkingTime(at('2026-02-24T10:00:00+08:00'))).toBe(true);
  });

  it('CN works on the make-up Saturday before Spring Festival but not on an ordinary Saturday', () => {
    expect(cn.isWorkingTime(at('2026-02-14T10:00:00+08:00'))).toBe(true);
    expect(cn.isWorkingTime(at('2026-03-07T10:00:00+08:00'))).toBe(false);
  });

  it('uses a half-open [start, end) interval in local time', () => {
    expect(cn.isWorkingTime(at('2026-03-02T08:59:59+08:00'))).toBe(false);
    expect(cn.isWorkingTime(at('2026-03-02T09:00:00+08:00'))).toBe(true);
    expect(cn.isWorkingTime(at('2026-03-02T17:59:00+08:00'))).toBe(true);
    expect(cn.isWorkingTime(at('2026-03-02T18:00:00+08:00'))).toBe(false);
  });

  it('evaluates the same instant in each country timezone', () => {
    // Monday 09:30 in Shanghai is still Sunday 22:30 in São Paulo.
    const instant = at('2026-03-02T01:30:00Z');
    expect(cn.isWorkingTime(instant)).toBe(true);
    expect(getCountryPolicy('BR').isWorkingTime(instant)).toBe(false);
    // 08:30 Monday in Jakarta (08:00-17:00) even though it is 01:30 in UTC.
    expect(getCountryPolicy('ID').isWorkingTime(instant)).toBe(true);
  });

  it('SG observes the Monday in lieu of a Sunday holiday', () => {
    expect(getCountryPolicy('SG').isWorkingTime(at('2026-08-10T10:00:00+08:00'))).toBe(false);
    expect(getCountryPolicy('SG').isWorkingTime(at('2026-08-11T10:00:00+08:00'))).toBe(true);
  });

  it('BR treats Carnival as non-working', () => {
    expect(getCountryPolicy('BR').isWorkingTime(at('2026-02-16T10:00:00-03:00'))).toBe(false);
    expect(getCountryPolicy('BR').isWorkingTime(at('2026-02-18T10:00:00-03:00'))).toBe(true);
  });

  it('ID treats Idul Fitri as non-working', () => {
    expect(getCountryPolicy('ID').isWorkingTime(at('2026-03-21T10:00:00+07:00'))).toBe(false);
  });

  it('rejects a non-finite timestamp', () => {
    expect(() => cn.isWorkingTime(Number.NaN)).toThrow(RangeError);
  });
});

describe('calendar data', () => {
  const isRealDate = (iso: string) => new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso);

  it.each(supportedCountries())('%s lists valid, unique 2026/2027 dates', (code) => {
    const policy = getCountryPolicy(code);
    const dates = [...policy.holidays, ...policy.makeupWorkdays];
    expect(dates.every(isRealDate)).toBe(true);
    expect(dates.every((d) => d.startsWith('2026-') || d.startsWith('2027-'))).toBe(true);
    expect(new Set(dates).size).toBe(dates.length);
    expect(policy.holidays.some((d) => d.startsWith('2026-'))).toBe(true);
    expect(policy.holidays.some((d) => d.startsWith('2027-'))).toBe(true);
  });

  it('CN make-up workdays all fall on weekends', () => {
    const cn = getCountryPolicy('CN');
    for (const date of cn.makeupWorkdays) {
      expect(cn.weekend).toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
    }
  });
});
