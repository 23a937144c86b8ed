import { useEffect, useState } from 'react';
import { onServerTime } from '../../shared/api/client';

/** How far ahead of the server a phone's clock may run before the app says so (the server's own tolerance is wider). */
export const AHEAD_LIMIT_MS = 5 * 60_000;
const KEY = 'fieldops.clockAheadMs';
const listeners = new Set<() => void>();

/** Milliseconds the phone's clock runs ahead of the server's, as last measured (0 when unknown or behind). */
export function clockAheadMs(): number {
  const ahead = Number(localStorage.getItem(KEY) ?? 0);
  return Number.isFinite(ahead) && ahead > 0 ? ahead : 0;
}

/** A time the device wrote, corrected by the measured lead of its clock: what the server would have said. */
export function serverTimeOf(deviceIso: string): string {
  const ahead = clockAheadMs();
  return ahead > AHEAD_LIMIT_MS ? new Date(Date.parse(deviceIso) - ahead).toISOString() : deviceIso;
}

/** Starts measuring the clock on every answer of the API. The `Date` header's second and the trip are noise here. */
export function watchDeviceClock(): void {
  onServerTime((serverTime, deviceTime) => {
    const before = clockAheadMs();
    localStorage.setItem(KEY, String(Math.round(deviceTime - serverTime)));
    if (before > AHEAD_LIMIT_MS !== clockAheadMs() > AHEAD_LIMIT_MS) for (const listener of listeners) listener();
  });
}

/** The lead of the phone's clock when it is far enough ahead to mislead, else undefined. */
export function useClockAhead(): number | undefined {
  const [ahead, setAhead] = useState(clockAheadMs);
  useEffect(() => {
    const update = () => setAhead(clockAheadMs());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return ahead > AHEAD_LIMIT_MS ? ahead : undefined;
}
