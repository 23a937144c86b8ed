import type { SlaDueAction, SlaReport } from './sla-report';

/**
 * The earliest instant after the report's `now` at which a warning, breach or escalation of an open clock fires;
 * null if none will (every clock stopped, paused or idle). This is the ticket's entry in the due-time index.
 */
export function nextDueAt(report: SlaReport): string | null {
  let earliest: string | null = null;
  for (const clock of report.clocks) {
    if (!clock.open) continue;
    for (const milestone of clock.milestones) {
      if (milestone.reached || milestone.at === null) continue;
      if (earliest === null || Date.parse(milestone.at) < Date.parse(earliest)) earliest = milestone.at;
    }
  }
  return earliest;
}

/**
 * Warnings, breaches and escalations that have fired by `now`, oldest first. Once a clock has stopped only its breach
 * is still worth publishing (a warning or escalation about a finished clock helps nobody), and a warning is dropped
 * once its breach has fired too. The caller publishes each `key` once per ticket.
 */
export function dueActions(report: SlaReport, now: Date): SlaDueAction[] {
  const nowMs = now.getTime();
  const actions: SlaDueAction[] = [];
  for (const clock of report.clocks) {
    const fired = clock.milestones.filter((milestone) => milestone.at !== null && Date.parse(milestone.at) <= nowMs);
    const breached = fired.some((milestone) => milestone.kind === 'breach');
    for (const milestone of fired) {
      if (milestone.at === null) continue;
      if (!clock.open && milestone.kind !== 'breach') continue;
      if (milestone.kind === 'warn' && breached) continue;
      actions.push({ key: milestone.key, clock: clock.clock, kind: milestone.kind, level: milestone.level, at: milestone.at });
    }
  }
  return actions.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.key.localeCompare(b.key));
}
