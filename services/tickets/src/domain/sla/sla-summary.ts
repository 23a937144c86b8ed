import type { SlaClockReport, SlaReport } from './sla-report';

/** One word for a ticket's SLA, for the queue badge and the search facet; the worst open clock decides. */
export type SlaState = 'breached' | 'at-risk' | 'on-track' | 'paused' | 'met' | 'none';

export interface SlaSummary {
  readonly state: SlaState;
  /**
   * What "breaches first" sorts by: the earliest breach instant of an open clock, already past when breached (also
   * while paused), so overdue tickets come first. Null when no clock is open.
   */
  readonly sortAt: string | null;
}

const warned = (clock: SlaClockReport) => clock.milestones.some((milestone) => milestone.kind === 'warn' && milestone.reached);

function stateOf(clocks: readonly SlaClockReport[]): SlaState {
  const open = clocks.filter((clock) => clock.open);
  if (open.some((clock) => clock.status === 'breached')) return 'breached';
  const running = open.filter((clock) => clock.status === 'running');
  if (running.some(warned)) return 'at-risk';
  if (running.length > 0) return 'on-track';
  if (open.length > 0) return 'paused';
  if (clocks.some((clock) => clock.status === 'breached')) return 'breached';
  return clocks.some((clock) => clock.status === 'met') ? 'met' : 'none';
}

export function summarizeSla(report: SlaReport): SlaSummary {
  let sortAt: string | null = null;
  for (const clock of report.clocks) {
    if (!clock.open) continue;
    const at = clock.dueAt ?? clock.breachedAt;
    if (at !== null && (sortAt === null || Date.parse(at) < Date.parse(sortAt))) sortAt = at;
  }
  return { state: stateOf(report.clocks), sortAt };
}
