import type { ProgressReporter } from './define-service';
import type { ServiceContext } from './service-context';

/**
 * A one-off command a service offers (an import, a rebuild, a backfill): the CLI runs it through the manifest with
 * the context the host builds for the service (its own database, the bus, its identity), as `serve` does.
 */
export type ServiceTask<DB, Args, Result, Deps = undefined> = (
  ctx: ServiceContext<DB, Deps>,
  args: Args,
  progress: ProgressReporter,
) => Promise<Result>;

/** A manifest's tasks by name; `never` arguments let one record hold tasks whose arguments differ. */
export type ServiceTasks<DB, Deps = undefined> = Record<string, ServiceTask<DB, never, unknown, Deps>>;

/** Names one task of one service with its argument and result types, so code outside the service runs it typed. */
export interface TaskRef<Args, Result> {
  service: string;
  task: string;
  /** Carries the types only; never set. */
  readonly signature?: (args: Args) => Result;
}

export type TaskRefs<Tasks> = {
  [Name in keyof Tasks & string]: Tasks[Name] extends (ctx: never, args: infer Args, progress: ProgressReporter) => Promise<infer Result>
    ? TaskRef<Args, Result>
    : never;
};

/** The typed names of a service's tasks, exported beside its manifest: `host.runTask(leadsTasks.importLeads, args)`. */
export function taskRefs<Tasks extends object>(service: string, tasks: Tasks): TaskRefs<Tasks> {
  return Object.fromEntries(Object.keys(tasks).map((task) => [task, { service, task }])) as TaskRefs<Tasks>;
}

/** Runs a manifest's task by name; the caller's `TaskRef` is what keeps `args` and the result typed. */
export function runServiceTask<DB, Deps>(
  service: string,
  tasks: ServiceTasks<DB, Deps> | undefined,
  ctx: ServiceContext<DB, Deps>,
  task: string,
  args: unknown,
  progress: ProgressReporter,
): Promise<unknown> {
  const run = tasks?.[task];
  if (!run) throw new Error(`service ${service} has no task "${task}"`);
  return run(ctx, args as never, progress);
}
