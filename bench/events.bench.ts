import { randomUUID } from 'node:crypto';
import type { ServiceContext } from '@fieldops/platform';
import { type BenchSetup, distributedSetup, embeddedSetup, startBenchHost } from './bench-host';
import { type AppliedProbe, createProbeService, type ProbeDb, type ProbeService, writeProbe } from './fixtures/probe-service';
import { type Summary, summarize } from './stats';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

/** How events are written: each in its own transaction, by `writers` concurrent writers, paced or as fast as they go. */
export interface Load {
  name: string;
  events: number;
  writers: number;
  /** Open loop: event n is due at start + n / rate, whatever happened before. */
  ratePerSecond?: number;
  /** Written while the consumer is held, then drained: how fast a backlog goes after an outage. */
  backlog?: boolean;
  /**
   * Each writer writes its events under this many subjects of its own, in turn, and the run fails unless every
   * subject's events were applied in the order written. Without it every event has a subject of its own.
   */
  subjectsPerWriter?: number;
}

/** Written and applied first, not measured: JIT, connection pools, the consumer's first fetch. */
const WARMUP: Load = { name: 'warm-up', events: 200, writers: 4 };
/** Well below every setup's capacity: the latency of one event, not of a queue. */
const PACED: Load = { name: 'paced 100/s', events: 500, writers: 1, ratePerSecond: 100 };
/** As fast as the writers go: the throughput; latency then mostly measures the backlog. */
const SATURATED: Load = { name: 'saturated', events: 3_000, writers: 4 };
/** Enough writers that their commits, shared in group commits, outpace one consumer: the pipeline's own ceiling. */
const SATURATED_WIDE: Load = { name: 'saturated, ordered', events: 6_000, writers: 32, subjectsPerWriter: 8 };
/** The consumer held while they are written, then let go: ev/s is the drain rate, latency mostly the wait. */
const BACKLOG: Load = { name: 'backlog drained', events: 3_000, writers: 4, backlog: true };
const APPLY_TIMEOUT_MS = 60_000;

export interface EventsMeasured {
  setup: string;
  load: string;
  events: number;
  writers: number;
  /** Commits per second while writing. */
  writesPerSecond: number;
  /** Events ÷ (last applied − first commit); for a backlog, ÷ (last applied − the consumer let go). */
  eventsPerSecond: number;
  /** Commit (the writer's `transact` resolved) → applied (the consumer's transaction committed). */
  latencyMs: Summary;
}

export type EventsResult = EventsMeasured | { setup: string; skipped: string };

/** When each event was applied, and in which order per subject; lets a run wait until every event it wrote has been. */
class AppliedLog {
  readonly at = new Map<string, number>();
  readonly bySubject = new Map<string, string[]>();
  private waiting: { remaining: Set<string>; done: () => void } | undefined;

  record({ eventId, subject }: AppliedProbe, at: number): void {
    if (this.at.has(eventId)) return;
    this.at.set(eventId, at);
    const order = this.bySubject.get(subject);
    if (order) order.push(eventId);
    else this.bySubject.set(subject, [eventId]);
    const waiting = this.waiting;
    if (waiting?.remaining.delete(eventId) && waiting.remaining.size === 0) waiting.done();
  }

  async waitFor(eventIds: Iterable<string>, timeoutMs: number): Promise<void> {
    const remaining = new Set([...eventIds].filter((id) => !this.at.has(id)));
    if (remaining.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        this.waiting = { remaining, done: resolve };
        timer = setTimeout(
          () => reject(new Error(`${remaining.size} events were still not applied after ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
      });
    } finally {
      clearTimeout(timer);
      this.waiting = undefined;
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Written {
  /** Each event's commit time (when `transact` resolved), by event id. */
  committed: Map<string, number>;
  /** The events of each shared subject in the order written (with `subjectsPerWriter`). */
  bySubject: Map<string, string[]>;
}

/** Writes the load's events. */
async function writeEvents(ctx: ServiceContext<ProbeDb>, load: Load): Promise<Written> {
  const committed = new Map<string, number>();
  const bySubject = new Map<string, string[]>();
  const start = performance.now();
  let next = 0;
  const writer = async () => {
    const subjects = Array.from({ length: load.subjectsPerWriter ?? 0 }, () => randomUUID());
    for (let k = 0; next < load.events; k++) {
      const n = next++;
      if (load.ratePerSecond) {
        const wait = start + (n * 1000) / load.ratePerSecond - performance.now();
        if (wait > 0) await sleep(wait);
      }
      const subject = subjects[k % subjects.length];
      const eventId = await writeProbe(ctx, n, subject);
      committed.set(eventId, performance.now());
      if (!subject) continue;
      const order = bySubject.get(subject);
      if (order) order.push(eventId);
      else bySubject.set(subject, [eventId]);
    }
  };
  await Promise.all(Array.from({ length: load.writers }, writer));
  return { committed, bySubject };
}

/** Fails unless every shared subject's events were applied in the order its one writer wrote them. */
function checkOrder(written: Map<string, string[]>, applied: AppliedLog): void {
  for (const [subject, order] of written) {
    const seen = applied.bySubject.get(subject) ?? [];
    const first = order.findIndex((id, i) => seen[i] !== id);
    if (first >= 0) throw new Error(`subject ${subject}: event ${first + 1} of ${order.length} was applied out of the order written`);
  }
}

async function run(probe: ProbeService, applied: AppliedLog, setup: string, load: Load): Promise<EventsMeasured> {
  const release = load.backlog ? probe.hold() : undefined;
  const { committed, bySubject } = await writeEvents(probe.context(), load);
  const releasedAt = performance.now();
  release?.();
  await applied.waitFor(committed.keys(), APPLY_TIMEOUT_MS);
  checkOrder(bySubject, applied);
  const latencies: number[] = [];
  let firstCommit = Number.POSITIVE_INFINITY;
  let lastCommit = Number.NEGATIVE_INFINITY;
  let lastApplied = Number.NEGATIVE_INFINITY;
  for (const [eventId, commitAt] of committed) {
    const appliedAt = applied.at.get(eventId);
    if (appliedAt === undefined) throw new Error(`event ${eventId} was never applied`);
    latencies.push(appliedAt - commitAt);
    firstCommit = Math.min(firstCommit, commitAt);
    lastCommit = Math.max(lastCommit, commitAt);
    lastApplied = Math.max(lastApplied, appliedAt);
  }
  return {
    setup,
    load: load.name,
    events: committed.size,
    writers: load.writers,
    writesPerSecond: committed.size / ((lastCommit - firstCommit) / 1000),
    eventsPerSecond: committed.size / ((lastApplied - (load.backlog ? releasedAt : firstCommit)) / 1000),
    latencyMs: summarize(latencies),
  };
}

/** One host per setup: a warm-up, then each measured load in turn (each starts once the previous one is applied). */
export async function measureEvents(
  setup: BenchSetup,
  progress: Progress,
  loads: Load[] = [WARMUP, PACED, SATURATED, SATURATED_WIDE, BACKLOG],
): Promise<EventsMeasured[]> {
  const applied = new AppliedLog();
  const probe = createProbeService((probeApplied, at) => applied.record(probeApplied, at));
  if (setup.resources) progress(`${setup.label}: using ${setup.resources}`);
  const bench = await startBenchHost({ setup, services: [probe.definition], listen: false });
  try {
    const results: EventsMeasured[] = [];
    for (const [i, load] of loads.entries()) {
      const pace = load.ratePerSecond ? `, ${load.ratePerSecond}/s` : '';
      progress(`${setup.label}: ${load.name}: ${load.events} events, ${load.writers} writer(s)${pace}`);
      const result = await run(probe, applied, setup.label, load);
      // The first load warms up.
      if (i > 0) results.push(result);
    }
    return results;
  } finally {
    await bench.stop();
  }
}

export async function runEventsSuite(progress: Progress): Promise<SuiteOutcome<EventsResult>> {
  const results: EventsResult[] = [];
  results.push(...(await measureEvents(embeddedSetup(), progress)));
  const distributed = await distributedSetup(['probe']);
  if (typeof distributed === 'string') {
    progress(`nats:// + mariadb: skipped (${distributed})`);
    results.push({ setup: 'nats:// + mariadb', skipped: distributed });
  } else {
    results.push(...(await measureEvents(distributed, progress)));
  }
  return { results, table: eventsTable(results) };
}

export function eventsTable(
  results: EventsResult[],
  legend = [
    "latency: commit (the writer's transact resolved) → applied (the consumer's transaction committed)",
    "ordered: each writer's events under 8 subjects of its own, each subject's applied in the order written (checked)",
  ].join('\n'),
): string {
  const columns = [
    { header: 'bus + database' },
    { header: 'load' },
    { header: 'events', align: 'right' },
    { header: 'writers', align: 'right' },
    { header: 'commits/s', align: 'right' },
    { header: 'end-to-end ev/s', align: 'right' },
    { header: 'p50 ms', align: 'right' },
    { header: 'p99 ms', align: 'right' },
    { header: 'max ms', align: 'right' },
  ] as const;
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const r of results) {
    if ('skipped' in r) notes.push(`${r.setup}: skipped (${r.skipped})`);
    else
      rows.push([
        r.setup,
        r.load,
        num(r.events),
        String(r.writers),
        num(r.writesPerSecond),
        num(r.eventsPerSecond),
        num(r.latencyMs.p50, 1),
        num(r.latencyMs.p99, 1),
        num(r.latencyMs.max, 1),
      ]);
  }
  return [formatTable(columns, rows), legend, ...notes].join('\n');
}
