import type { ServiceContext, SetupContext } from '@fieldops/platform';
import type { CheckinPorts } from './app/ports';
import type { CheckinDb } from './db/schema';

export type CheckinSetupContext = SetupContext<CheckinDb>;
/** `ctx.deps`: the ports to other services, built once per start. */
export type CheckinContext = ServiceContext<CheckinDb, CheckinPorts>;

/** How long a planned stop takes, for the day plan's arrival times. */
export const PLANNED_VISIT_MINUTES = 20;
/** How often waiting check-outs whose check-in has arrived are applied (the safety net; normally immediate). */
export const PENDING_CHECK_OUT_SWEEP_MS = 30_000;
