import type { ProgressReporter } from '@fieldops/platform';
import type { CliIo } from '../command';
import { BarProgress } from './bar-progress';
import { LineProgress } from './line-progress';

/** A redrawn bar on a terminal; plain lines when the output goes to a file, a pipe or a log collector. */
export function createProgress(out: CliIo['out']): ProgressReporter {
  return out.isTTY ? new BarProgress(out) : new LineProgress(out);
}
