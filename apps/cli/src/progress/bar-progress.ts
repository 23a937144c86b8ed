import type { Writable } from 'node:stream';
import type { ProgressReporter } from '@fieldops/platform';
import cliProgress from 'cli-progress';

/** A live progress bar for a terminal; each `start` (a new phase, a new service) draws a fresh bar. */
export class BarProgress implements ProgressReporter {
  private bar: cliProgress.SingleBar | undefined;

  constructor(private readonly stream: Writable) {}

  start(total: number, label: string): void {
    this.stop();
    this.bar = new cliProgress.SingleBar(
      { stream: this.stream, format: '{label} [{bar}] {value}/{total} {percentage}%', hideCursor: true, fps: 10 },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0, { label });
  }

  tick(count = 1): void {
    this.bar?.increment(count);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
