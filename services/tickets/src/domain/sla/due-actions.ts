import type { SlaDueAction, SlaReport } from './sla-report';

/** The earliest instant after the report's `now` at which a warning, breach or escalation fires; null if none will. */
export function nextDueAt(_report: SlaReport): string | null {
  throw new Error('not implemented yet');
}

/** Warnings, breaches and escalations that have fired by `now`. */
export function dueActions(_report: SlaReport, _now: Date): SlaDueAction[] {
  throw new Error('not implemented yet');
}
