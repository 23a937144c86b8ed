import { Host, type PlatformConfig, type ServiceDefinition, type TaskRef } from '@fieldops/platform';
import type { CliIo } from './command';
import { createProgress } from './progress/create-progress';

export interface TaskHost {
  config: PlatformConfig;
  /** The task's service and those it calls in this process. */
  services: ServiceDefinition[];
  /**
   * Relays, consumers and jobs (default on): host.stop() then drains the relays, so the task's events reach the
   * bus. A task that publishes nothing turns them off.
   */
  background?: boolean;
}

/** Starts the services (not listening), runs one task with a progress bar and stops; answers its result and seconds. */
export async function runTask<Args, Result>(
  io: CliIo,
  on: TaskHost,
  task: TaskRef<Args, Result>,
  args: Args,
): Promise<{ result: Result; seconds: number }> {
  const host = await Host.start({ config: on.config, services: on.services, listen: false, background: on.background });
  try {
    const started = performance.now();
    const result = await host.runTask(task, args, createProgress(io.out));
    return { result, seconds: (performance.now() - started) / 1000 };
  } finally {
    await host.stop();
  }
}
