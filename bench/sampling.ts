import { destinationPoint, type LatLng } from '@fieldops/geo';
import type { LoadResult } from './http-load';
import { summarize } from './stats';

/** mulberry32: the same seed draws the same points, so two runs measure the same queries. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` points spread evenly over the disc of `radius` metres around `centre`. */
export function pointsInDisc(centre: LatLng, radius: number, count: number, random: () => number): LatLng[] {
  return Array.from({ length: count }, () => destinationPoint(centre, radius * Math.sqrt(random()), random() * 360));
}

/**
 * LoadTarget's figures for a function called in this process: batches of arguments, each call timed from its
 * start to its settling, `concurrency` calls in flight. Measured batches add up, so batches of several targets can
 * be interleaved.
 */
export class CallTarget<A> {
  private readonly latencies: number[] = [];
  private seconds = 0;
  private errors = 0;
  private firstError: string | undefined;

  constructor(
    private readonly call: (arg: A) => Promise<unknown>,
    readonly concurrency: number,
  ) {}

  /** Calls that are not measured (JIT, caches, prepared statements). */
  async warmUp(args: readonly A[]): Promise<void> {
    await this.send(args, []);
  }

  async measure(args: readonly A[]): Promise<void> {
    const started = performance.now();
    await this.send(args, this.latencies);
    this.seconds += (performance.now() - started) / 1000;
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

  private async send(args: readonly A[], latencies: number[]): Promise<void> {
    let next = 0;
    const measured = latencies === this.latencies;
    const worker = async () => {
      while (next < args.length) {
        const arg = args[next++];
        if (arg === undefined) break;
        const started = performance.now();
        try {
          await this.call(arg);
        } catch (error) {
          if (measured) {
            this.errors++;
            this.firstError ??= error instanceof Error ? error.message : String(error);
          }
        }
        latencies.push(performance.now() - started);
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
  }
}
