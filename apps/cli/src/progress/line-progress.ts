import type { Writable } from 'node:stream';
import type { ProgressReporter } from '@fieldops/platform';
import { println } from '../command';

/** Progress for logs and pipes: a line at the start, at each quarter and at the end, instead of a redrawn bar. */
export class LineProgress implements ProgressReporter {
  private label = '';
  private total = 0;
  private done = 0;
  private reportedQuarter = 0;
  private active = false;

  constructor(private readonly stream: Writable) {}

  start(total: number, label: string): void {
    this.stop();
    this.label = label;
    this.total = total;
    this.done = 0;
    this.reportedQuarter = 0;
    this.active = true;
    println(this.stream, `${label}: 0/${total}`);
  }

  tick(count = 1): void {
    if (!this.active) return;
    this.done += count;
    const quarter = this.total > 0 ? Math.floor((this.done / this.total) * 4) : 4;
    // The last quarter is the end line's job.
    if (quarter > this.reportedQuarter && quarter < 4) {
      this.reportedQuarter = quarter;
      println(this.stream, `${this.label}: ${this.done}/${this.total}`);
    }
  }

  stop(): void {
    if (!this.active) return;
    this.active = false;
    println(this.stream, `${this.label}: ${this.done}/${this.total} done`);
  }
}
