import type { Clock } from '@fieldops/platform';

/** A clock tests move by hand: protection periods, expiries and SLAs without waiting. */
export class MovableClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 5, 9, 0, 0)) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(epochMs: number): void {
    this.current = epochMs;
  }
}
