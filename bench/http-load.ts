import { LoadProcess, type LoadResult, LoadTally } from './load-process';

export type { LoadResult } from './load-process';

export interface TargetOptions {
  /** Origin, e.g. `http://127.0.0.1:3000`. */
  url: string;
  headers: Record<string, string>;
  /** Requests in flight at once, one keep-alive connection each. */
  concurrency: number;
  /** The status that counts as success. */
  expectStatus?: number;
}

/**
 * One endpoint driven with batches of GETs at fixed concurrency, sent from a load process of its own. Measured
 * batches add up, so a benchmark can interleave batches of several targets; a response counts once its body was read.
 */
export class LoadTarget {
  private readonly load = new LoadProcess();
  private readonly tally = new LoadTally();

  constructor(private readonly options: TargetOptions) {}

  /** Sends requests that are not measured (JIT, connections, caches). */
  async warmUp(paths: readonly string[]): Promise<void> {
    await this.send(paths);
  }

  async measure(paths: readonly string[]): Promise<void> {
    this.tally.add(await this.send(paths));
  }

  result(): LoadResult {
    return this.tally.result();
  }

  close(): Promise<void> {
    return this.load.close();
  }

  private send(paths: readonly string[]) {
    const { url, headers, concurrency } = this.options;
    return this.load.run({ kind: 'batch', url, paths: [...paths], headers, concurrency, expectStatus: this.options.expectStatus ?? 200 });
  }
}
