import { describe, expect, it } from 'vitest';
import { isCalendarDate, localDayBounds, localTimeToEpoch } from '../src/index';

describe('local days', () => {
  it("turns a country's wall-clock time into an instant", () => {
    expect(new Date(localTimeToEpoch('2026-11-02', '09:00', 'Asia/Singapore')).toISOString()).toBe('2026-11-02T01:00:00.000Z');
    expect(new Date(localTimeToEpoch('2026-11-02', '09:00', 'America/Sao_Paulo')).toISOString()).toBe('2026-11-02T12:00:00.000Z');
  });

  it('bounds a local day, and knows real dates', () => {
    const { from, to } = localDayBounds('2026-12-31', 'Asia/Jakarta');
    expect(new Date(from).toISOString()).toBe('2026-12-30T17:00:00.000Z');
    expect(to - from).toBe(86_400_000);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });
});
