import type { SlaClockName } from './sla-policy';

/**
 * `idle`: the clock has nothing to time (next response with no customer reply awaiting an answer).
 * `breached`: the target was passed, whether the clock is still open or stopped late.
 */
export type SlaClockStatus = 'idle' | 'running' | 'paused' | 'met' | 'breached' | 'canceled';

export type SlaIntervalKind = 'counted' | 'paused' | 'non-working';

/** One stretch of the clock's life, the explanation `GET /api/v1/tickets/{id}/sla` returns. */
export interface SlaInterval {
  readonly from: string;
  readonly to: string;
  readonly kind: SlaIntervalKind;
}

export type SlaMilestoneKind = 'warn' | 'breach' | 'escalate';

/** A point on the clock's elapsed working time at which something fires. */
export interface SlaMilestone {
  readonly kind: SlaMilestoneKind;
  /** Escalation level; 0 for warn and breach. */
  readonly level: number;
  /** Stable across recomputations: `${clock}:${kind}:${level}`, the next-response cycle in the clock part. */
  readonly key: string;
  /** Elapsed working minutes at which it fires. */
  readonly atElapsedMinutes: number;
  /** When it fired or will fire; null while paused or when the clock stopped before reaching it. */
  readonly at: string | null;
  /** True when `at` is not after the report's `now`. */
  readonly reached: boolean;
}

export interface SlaClockReport {
  readonly clock: SlaClockName;
  /**
   * `firstResponse`, `resolution`, or `nextResponse.N` for the N-th next-response cycle (1-based); the report holds
   * the latest cycle only, earlier ones having been published as they fired.
   */
  readonly key: string;
  readonly status: SlaClockStatus;
  /** True while the clock can still count (running, paused, or breached and still open); false once stopped, canceled or idle. */
  readonly open: boolean;
  readonly targetMinutes: number;
  /** Whole working minutes counted so far. */
  readonly elapsedMinutes: number;
  /** targetMinutes - elapsedMinutes; negative when overdue. */
  readonly remainingMinutes: number;
  /** The breach instant while the clock runs (already past once breached); null when paused, stopped or idle. */
  readonly dueAt: string | null;
  /** When the warning fired or will fire; null when it has not and cannot (paused, stopped). */
  readonly warnAt: string | null;
  /** When the target was passed; null while it has not been. */
  readonly breachedAt: string | null;
  readonly startedAt: string | null;
  readonly stoppedAt: string | null;
  readonly milestones: readonly SlaMilestone[];
  readonly intervals: readonly SlaInterval[];
}

export interface SlaReport {
  /** The `now` the report was computed for (the opening, if `now` came before it). */
  readonly computedAt: string;
  readonly clocks: readonly SlaClockReport[];
}

/** Something the breach job publishes once (the service keeps it idempotent by `key`). */
export interface SlaDueAction {
  readonly key: string;
  readonly clock: SlaClockName;
  readonly kind: SlaMilestoneKind;
  readonly level: number;
  readonly at: string;
}
