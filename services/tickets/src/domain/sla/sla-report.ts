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
  /** `firstResponse`, `resolution`, or `nextResponse.N` for the N-th next-response cycle (1-based). */
  readonly key: string;
  readonly status: SlaClockStatus;
  /** True while the clock can still count (running or paused); false once met, stopped, canceled or idle. */
  readonly open: boolean;
  readonly targetMinutes: number;
  readonly elapsedMinutes: number;
  /** targetMinutes - elapsedMinutes; negative when overdue. */
  readonly remainingMinutes: number;
  /** The breach instant given the current pause state: null when paused, stopped or idle. */
  readonly dueAt: string | null;
  readonly warnAt: string | null;
  readonly breachedAt: string | null;
  readonly startedAt: string | null;
  readonly stoppedAt: string | null;
  readonly milestones: readonly SlaMilestone[];
  readonly intervals: readonly SlaInterval[];
}

export interface SlaReport {
  /** The `now` the report was computed for. */
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
