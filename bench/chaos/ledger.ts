// What the clients saw: every acknowledged write with its id, and every request's latency and outcome by phase.
import { summarize } from '../stats';

export type WriteKind = 'lead' | 'visit' | 'check-out' | 'claim' | 'release' | 'conversion' | 'upload' | 'area edit';

export interface AckedWrite {
  kind: WriteKind;
  /** The record's id: the lead's, the visit's. */
  id: string;
  /** Who holds the lead after a claim (checked against the owner's database). */
  userId?: string;
  /** The area's version an edit answered. */
  version?: number;
  at: number;
}

interface PhaseStats {
  samples: number[];
  requests: number;
  /** Network failures, timeouts and 5xx answers (each retried by the client with the same key). */
  errors: number;
  /** The first few of them, as `status` (0: no answer) — what a check names when a phase must have none. */
  failures: number[];
  /** Requests the client gave up waiting for (its own timeout) rather than answered 5xx or cut off. */
  timeouts: number;
  started: number;
}

export class Ledger {
  readonly acked: AckedWrite[] = [];
  private readonly phases = new Map<string, PhaseStats>();
  private phase = 'warm-up';
  /** Answers that broke the contract: a 500 (not a 503), an unexpected 4xx. */
  readonly violations: string[] = [];

  enter(phase: string): void {
    this.phase = phase;
    if (!this.phases.has(phase))
      this.phases.set(phase, { samples: [], requests: 0, errors: 0, failures: [], timeouts: 0, started: Date.now() });
  }

  get currentPhase(): string {
    return this.phase;
  }

  /** One attempt: its answer's status (0: none), and whether the client's own timeout ended it. */
  request(ms: number, status: number, timedOut = false): void {
    this.enter(this.phase);
    const stats = this.phases.get(this.phase);
    if (!stats) return;
    stats.samples.push(ms);
    stats.requests++;
    if (status !== 0 && status < 500) return;
    stats.errors++;
    if (timedOut) stats.timeouts++;
    else if (stats.failures.length < 20) stats.failures.push(status);
  }

  /**
   * Requests of a phase that failed: answered 5xx or cut off (with the first few statuses, 0 for a connection that
   * failed), and apart from them those the client stopped waiting for. On a starved machine a slow answer is not a
   * failed one; a SIGTERM'd replica that dropped a request shows as a 5xx or a cut connection.
   */
  failuresIn(phase: string): { failed: number; statuses: number[]; timeouts: number } {
    const stats = this.phases.get(phase);
    return { failed: (stats?.errors ?? 0) - (stats?.timeouts ?? 0), statuses: stats?.failures ?? [], timeouts: stats?.timeouts ?? 0 };
  }

  ack(write: Omit<AckedWrite, 'at'>): void {
    this.acked.push({ ...write, at: Date.now() });
  }

  violation(text: string): void {
    if (this.violations.length < 50) this.violations.push(text);
  }

  count(kind: WriteKind): number {
    return this.acked.filter((write) => write.kind === kind).length;
  }

  /** p99 and error rate of each phase, in the order the phases came. */
  phaseSummaries(): { phase: string; requests: number; errorRate: number; p99Ms: number }[] {
    return [...this.phases.entries()]
      .filter(([, stats]) => stats.requests > 0)
      .map(([phase, stats]) => ({
        phase,
        requests: stats.requests,
        errorRate: stats.errors / stats.requests,
        p99Ms: summarize(stats.samples).p99,
      }));
  }
}
