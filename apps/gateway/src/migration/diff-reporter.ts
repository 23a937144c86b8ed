import type { CompareResult, Comparison } from '@fieldops/migration';
import { Counter, type Registry } from 'prom-client';

const MAX_BATCH = 500;

/**
 * Hands this gateway's comparisons to the migration service in batches, where they are kept (counts summed over
 * the replicas, mismatches masked and bounded per route); counted in Prometheus too, which keeps the history.
 */
export class DiffReporter {
  private queue: Comparison[] = [];
  private readonly counter: Counter<'route' | 'result'>;
  private flushing: Promise<void> | undefined;

  constructor(
    registry: Registry,
    private readonly send: (items: Comparison[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {
    this.counter =
      (registry.getSingleMetric('fieldops_migration_compare_total') as Counter<'route' | 'result'> | undefined) ??
      new Counter({
        name: 'fieldops_migration_compare_total',
        help: 'Legacy and FieldOps answers compared while a route moves, by route and result (match, mismatch, error)',
        labelNames: ['route', 'result'],
        registers: [registry],
      });
  }

  record(route: string, result: CompareResult, at: number, sample?: Comparison['sample']): void {
    this.counter.inc({ route, result });
    this.queue.push({ route, result, at, ...(result === 'mismatch' && sample ? { sample } : {}) });
    if (this.queue.length >= MAX_BATCH) void this.flush();
  }

  /** Sends what is queued; a batch that fails is kept for the next flush (bounded: the oldest go first). */
  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    this.flushing = this.send(batch)
      .catch((error: unknown) => {
        this.queue = [...batch, ...this.queue].slice(-10 * MAX_BATCH);
        this.onError(error);
      })
      .finally(() => {
        this.flushing = undefined;
      });
    return this.flushing;
  }

  /** Flushes every `intervalMs`; answers a function that stops and sends the rest. */
  start(intervalMs: number): () => Promise<void> {
    const timer = setInterval(() => void this.flush(), intervalMs);
    return async () => {
      clearInterval(timer);
      await this.flushing;
      await this.flush();
    };
  }
}
