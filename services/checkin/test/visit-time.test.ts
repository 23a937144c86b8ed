import { describe, expect, it } from 'vitest';
import { checkInTimeOf, checkOutTimeOf, OFFLINE_MAX_AGE_MS } from '../src/domain/visit-time';

const NOW = Date.UTC(2026, 11, 4, 3, 0);
const HOUR = 3_600_000;

describe("a visit's recorded times", () => {
  it("a live check-in is recorded at the server's time, whatever the device's clock says", () => {
    expect(checkInTimeOf({ deviceTime: Date.UTC(2030, 0, 1), receivedAt: NOW, offline: false })).toEqual({ ok: true, at: NOW });
    expect(checkInTimeOf({ deviceTime: NOW - 3 * HOUR, receivedAt: NOW, offline: false })).toEqual({ ok: true, at: NOW });
  });

  it("an offline check-in keeps the device's time, but never one after the server's", () => {
    expect(checkInTimeOf({ deviceTime: NOW - 5 * HOUR, receivedAt: NOW, offline: true })).toEqual({ ok: true, at: NOW - 5 * HOUR });
    expect(checkInTimeOf({ deviceTime: Date.UTC(2030, 0, 1), receivedAt: NOW, offline: true })).toEqual({ ok: true, at: NOW });
  });

  it('an offline check-in more than 7 days old is refused, one of exactly 7 days is taken', () => {
    expect(checkInTimeOf({ deviceTime: NOW - OFFLINE_MAX_AGE_MS, receivedAt: NOW, offline: true })).toEqual({
      ok: true,
      at: NOW - OFFLINE_MAX_AGE_MS,
    });
    expect(checkInTimeOf({ deviceTime: NOW - OFFLINE_MAX_AGE_MS - 1, receivedAt: NOW, offline: true }).ok).toBe(false);
  });

  it('a check-out is recorded at its device time, never after it arrived', () => {
    expect(checkOutTimeOf(NOW - HOUR, NOW)).toBe(NOW - HOUR);
    expect(checkOutTimeOf(Date.UTC(2030, 0, 1), NOW)).toBe(NOW);
  });
});
