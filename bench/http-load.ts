import { Pool } from 'undici';
import { type Summary, summarize } from './stats';

export interface TargetOptions {
  /** Origin, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** The path of every request, or a function answering the next request's path (e.g. a different point each). */
  path: string | (() => string);
  headers: Record<string, string>;
  /** Requests in flight at once, one keep-alive connection each. */
  concurrency: number;
  /** The status that counts as success. */
  expectStatus?: number;
}

export interface LoadResult {
  requests: number;
  /** Answers with another status, or failed requests; their latencies are in the figures too. */
  errors: number;
  firstError: string | undefined;
  /** Measured requests ÷ the time spent measuring them. */
  requestsPerSecond: number;
  latencyMs: Summary;
}

/**
 * One endpoint driven with fixed-count batches of GETs at fixed concurrency. Measured batches add up, so a
 * benchmark can interleave batches of several targets; a response counts once its body has been read.
 */
export class LoadTarget {
  private readonly pool: Pool;
  private readonly latencies: number[] = [];
  private seconds = 0;
  private errors = 0;
  private firstError: string | undefined;

  constructor(private readonly options: TargetOptions) {
    // Bounded: a stuck server fails the request instead of stalling the run for undici's default 5 minutes.
    this.pool = new Pool(options.url, { connections: options.concurrency, headersTimeout: 10_000, bodyTimeout: 10_000 });
  }

  /** Sends `count` requests that are not measured (JIT, connections, caches). */
  async warmUp(count: number): Promise<void> {
    await this.send(count, []);
  }

  async measure(count: number): Promise<void> {
    const started = performance.now();
    const failures = await this.send(count, this.latencies);
    this.seconds += (performance.now() - started) / 1000;
    this.errors += failures.count;
    this.firstError ??= failures.first;
  }

  result(): LoadResult {
    return {
      requests: this.latencies.length,
      errors: this.errors,
      firstError: this.firstError,
      requestsPerSecond: this.latencies.length / this.seconds,
      latencyMs: summarize(this.latencies),
    };
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** Answers the failures among the `count` requests. */
  private async send(count: number, latencies: number[]): Promise<{ count: number; first: string | undefined }> {
    const { path, headers } = this.options;
    const expected = this.options.expectStatus ?? 200;
    const failures: { count: number; first: string | undefined } = { count: 0, first: undefined };
    const fail = (reason: string) => {
      failures.count++;
      failures.first ??= reason;
    };
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next++;
        const started = performance.now();
        try {
          const response = await this.pool.request({ method: 'GET', path: typeof path === 'string' ? path : path(), headers });
          const body = await response.body.text();
          if (response.statusCode !== expected) fail(`${response.statusCode}: ${body.slice(0, 200)}`);
        } catch (error) {
          fail(error instanceof Error ? error.message : String(error));
        }
        latencies.push(performance.now() - started);
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, worker));
    return failures;
  }
}
