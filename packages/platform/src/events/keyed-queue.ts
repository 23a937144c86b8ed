/**
 * Runs tasks concurrently across keys and strictly one after another within a key (a key's next task starts only
 * once its previous one settled), with at most `maxRunning` tasks running and `maxQueued` tasks held in all.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private queued = 0;
  private running = 0;
  private readonly roomWaiters: Array<() => void> = [];
  private readonly slotWaiters: Array<() => void> = [];
  private readonly idleWaiters: Array<() => void> = [];

  constructor(
    private readonly maxQueued: number,
    private readonly maxRunning: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Resolves once the task is queued; waits while the queue is full, which is the caller's backpressure. */
  async push(key: string, task: () => Promise<void>): Promise<void> {
    while (this.queued >= this.maxQueued) await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    this.queued += 1;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(() => this.runInSlot(task));
    this.tails.set(key, current);
    void current.then(() => {
      if (this.tails.get(key) === current) this.tails.delete(key);
      this.queued -= 1;
      this.roomWaiters.shift()?.();
      if (this.queued === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }

  /** Resolves when every queued task has settled. */
  idle(): Promise<void> {
    if (this.queued === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async runInSlot(task: () => Promise<void>): Promise<void> {
    while (this.running >= this.maxRunning) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    this.running += 1;
    try {
      await task();
    } catch (err) {
      // A key's chain must go on whatever one task did; the task reports its own failures, this is a last resort.
      this.onError(err);
    } finally {
      this.running -= 1;
      this.slotWaiters.shift()?.();
    }
  }
}
