import type { RiskSignal } from '@fieldops/contracts';
import { minutes, signal } from './risk-signal';

/** Phones keep network time to seconds; minutes apart is a clock someone set by hand. */
export const CLOCK_SKEW_TOLERANCE_MS = 5 * 60_000;

/**
 * Device clock skew. A device time AHEAD of the server's receive time is always suspect: no queue explains a visit
 * from the future. A device time BEHIND it is expected for a check-in the app queued offline and replays later, so it
 * counts only when the app says it sent the check-in live (`offline` false): then it should arrive within seconds.
 */
export function clockSkewSignal(deviceTime: number, receivedAt: number, offline: boolean): RiskSignal | null {
  const ahead = deviceTime - receivedAt;
  if (ahead > CLOCK_SKEW_TOLERANCE_MS) return signal('clock-skew', `device clock ${minutes(ahead)} ahead of the server`);
  if (!offline && -ahead > CLOCK_SKEW_TOLERANCE_MS) {
    return signal('clock-skew', `device clock ${minutes(-ahead)} behind the server on a live check-in`);
  }
  return null;
}
