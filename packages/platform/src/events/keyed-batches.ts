/**
 * Runs items in batches: a key's items strictly in the order pushed and one batch of a key at a time, batches of
 * different keys side by side, with at most `maxRunning` batches running and `maxQueued` items held in all.
 *
 * A free slot takes the waiting items in order, skipping every key that is running or had an item skipped, so a key's
 * items never overtake each other. While items pile up (a backlog after an outage), the waiting ones are spread over
 * the free slots, each batch committing many events at once; when they trickle in, each batch is one item. An item
 * that is not `batchable` always runs alone.
 */
export class KeyedBatches<T extends { key: string }> {
  private readonly waiting: T[] = [];
  private readonly runningKeys = new Set<string>();
  private running = 0;
  private held = 0;
  private readonly roomWaiters: Array<() => void> = [];
  private readonly idleWaiters: Array<() => void> = [];

  constructor(
    private readonly limits: { maxQueued: number; maxRunning: number; maxBatch: number },
    private readonly run: (batch: T[]) => Promise<void>,
    private readonly onError: (err: unknown) => void,
    private readonly batchable: (item: T) => boolean = () => true,
  ) {}

  /** Resolves once the item is queued; waits while the queue is full, which is the caller's backpressure. */
  async push(item: T): Promise<void> {
    while (this.held >= this.limits.maxQueued) await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    this.held += 1;
    this.waiting.push(item);
    this.startBatches();
  }

  /** Resolves when every queued item has been run. */
  idle(): Promise<void> {
    if (this.held === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private startBatches(): void {
    while (this.running < this.limits.maxRunning) {
      const batch = this.take(Math.ceil(this.waiting.length / (this.limits.maxRunning - this.running)));
      if (batch.length === 0) return;
      this.running += 1;
      const keys = new Set(batch.map((item) => item.key));
      for (const key of keys) this.runningKeys.add(key);
      void this.runOne(batch, keys);
    }
  }

  private async runOne(batch: T[], keys: Set<string>): Promise<void> {
    try {
      await this.run(batch);
    } catch (err) {
      // The keys' items must go on whatever one batch did; the runner reports its own failures, this is a last resort.
      this.onError(err);
    } finally {
      this.running -= 1;
      for (const key of keys) this.runningKeys.delete(key);
      this.held -= batch.length;
      for (const resolve of this.roomWaiters.splice(0, batch.length)) resolve();
      if (this.held === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      this.startBatches();
    }
  }

  /** Up to `size` (at most `maxBatch`) waiting items that may run now, in order, taken off the waiting list. */
  private take(size: number): T[] {
    const limit = Math.min(size, this.limits.maxBatch);
    const batch: T[] = [];
    const skipped = new Set<string>();
    for (let i = 0; i < this.waiting.length && batch.length < limit; ) {
      const item = this.waiting[i] as T;
      const alone = !this.batchable(item);
      if (this.runningKeys.has(item.key) || skipped.has(item.key) || (alone && batch.length > 0)) {
        skipped.add(item.key);
        i += 1;
        continue;
      }
      batch.push(item);
      this.waiting.splice(i, 1);
      if (alone) break;
    }
    return batch;
  }
}
