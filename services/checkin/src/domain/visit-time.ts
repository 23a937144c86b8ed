/**
 * Whose clock a visit's times come from. The server's clock is the record's: a phone's clock is whatever its owner
 * set, so the device time is kept as evidence (the clock-skew signal reads it), not trusted as the time of the visit.
 * A check-in the app queued offline happened before it arrived: its device time is taken, but never later than the
 * server's time, and a queue older than a week is refused (no honest app holds a visit that long).
 */
export const OFFLINE_MAX_AGE_MS = 7 * 24 * 3_600_000;

export type VisitTime = { ok: true; at: number } | { ok: false; reason: string };

export interface CheckInClocks {
  /** The device's clock at the check-in, epoch ms. */
  deviceTime: number;
  /** The server's clock when the check-in arrived, epoch ms. */
  receivedAt: number;
  /** The app says it queued the check-in offline and replays it now. */
  offline: boolean;
}

/** The time a check-in is recorded at. */
export function checkInTimeOf({ deviceTime, receivedAt, offline }: CheckInClocks): VisitTime {
  if (!offline) return { ok: true, at: receivedAt };
  if (receivedAt - deviceTime > OFFLINE_MAX_AGE_MS) {
    return { ok: false, reason: 'is more than 7 days before the server time; an offline check-in must be sent within 7 days' };
  }
  return { ok: true, at: Math.min(deviceTime, receivedAt) };
}

/** The time a check-out is recorded at: the device's (a check-out may be queued too), never later than it arrived. */
export function checkOutTimeOf(deviceTime: number, receivedAt: number): number {
  return Math.min(deviceTime, receivedAt);
}
