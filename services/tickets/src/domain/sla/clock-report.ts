import { addWorkingMinutes } from '@fieldops/countries';
import { type ClockInterval, clockIntervals } from './clock-intervals';
import type { ClockLifetime, TicketTimeline } from './clock-lifetimes';
import type { SlaCalendar } from './sla-calendar';
import type { SlaClockName, SlaPolicy, SlaPolicySet } from './sla-policy';
import type { SlaClockReport, SlaClockStatus, SlaMilestone, SlaMilestoneKind } from './sla-report';

const MS_PER_MINUTE = 60_000;
const iso = (epochMs: number) => new Date(epochMs).toISOString();

interface Threshold {
  readonly kind: SlaMilestoneKind;
  readonly level: number;
  readonly atElapsedMinutes: number;
}

/** Warn, breach and each escalation level as points on the clock's elapsed working minutes. */
function thresholds(policy: SlaPolicy, clock: SlaClockName): Threshold[] {
  const target = policy.targets[clock];
  const points: Threshold[] = [];
  if (policy.warnBeforeMinutes > 0) {
    points.push({ kind: 'warn', level: 0, atElapsedMinutes: Math.max(0, target - policy.warnBeforeMinutes) });
  }
  points.push({ kind: 'breach', level: 0, atElapsedMinutes: target });
  for (const escalation of policy.escalations) {
    points.push({ kind: 'escalate', level: escalation.level, atElapsedMinutes: target + escalation.afterBreachMinutes });
  }
  return points;
}

/** The instant the counted time reached `elapsedMs`, or null if it has not. */
function reachedAt(counted: readonly ClockInterval[], elapsedMs: number): number | null {
  let before = 0;
  for (const interval of counted) {
    const length = interval.to - interval.from;
    if (elapsedMs <= before + length) return interval.from + (elapsedMs - before);
    before += length;
  }
  return null;
}

/** One clock's report at `now`: intervals, elapsed time, and when each milestone fired or will fire. */
export function clockReport(
  lifetime: ClockLifetime,
  timeline: TicketTimeline,
  policies: SlaPolicySet,
  calendar: SlaCalendar,
  now: number,
): SlaClockReport {
  const open = lifetime.ended === null;
  const lastSpan = lifetime.spans[lifetime.spans.length - 1];
  const stoppedAt = open ? null : (lastSpan?.to ?? null);
  // A stopped clock keeps the target it stopped under; a later priority change does not re-judge it.
  const policy = policies[timeline.priorityAt(stoppedAt ?? now)];
  const targetMinutes = policy.targets[lifetime.clock];
  const intervals = clockIntervals(lifetime.spans, timeline.pending, calendar);
  const counted = intervals.filter((interval) => interval.kind === 'counted');
  const elapsedMs = counted.reduce((sum, interval) => sum + interval.to - interval.from, 0);
  const paused = open && timeline.pendingNow;
  const running = open && !paused;

  const milestones: SlaMilestone[] = thresholds(policy, lifetime.clock).map((point) => {
    const thresholdMs = point.atElapsedMinutes * MS_PER_MINUTE;
    let at = reachedAt(counted, thresholdMs);
    // Answering exactly on the deadline is in time: a stopped clock passes a point only by going beyond it.
    if (!open && thresholdMs >= elapsedMs) at = null;
    if (at === null && running) {
      at = addWorkingMinutes(calendar, calendar.timezone, now, (thresholdMs - elapsedMs) / MS_PER_MINUTE);
    }
    return {
      kind: point.kind,
      level: point.level,
      key: `${lifetime.key}:${point.kind}:${point.level}`,
      atElapsedMinutes: point.atElapsedMinutes,
      at: at === null ? null : iso(at),
      reached: at !== null && at <= now,
    };
  });
  const breach = milestones.find((milestone) => milestone.kind === 'breach');
  const warn = milestones.find((milestone) => milestone.kind === 'warn');
  const elapsedMinutes = Math.floor(elapsedMs / MS_PER_MINUTE);

  return {
    clock: lifetime.clock,
    key: lifetime.key,
    status: statusOf(lifetime, breach?.reached ?? false, paused),
    open,
    targetMinutes,
    elapsedMinutes,
    remainingMinutes: targetMinutes - elapsedMinutes,
    dueAt: running ? (breach?.at ?? null) : null,
    warnAt: warn?.at ?? null,
    breachedAt: breach?.reached ? breach.at : null,
    startedAt: lifetime.spans[0] === undefined ? null : iso(lifetime.spans[0].from),
    stoppedAt: stoppedAt === null ? null : iso(stoppedAt),
    milestones,
    intervals: intervals.map((interval) => ({ from: iso(interval.from), to: iso(interval.to), kind: interval.kind })),
  };
}

function statusOf(lifetime: ClockLifetime, breached: boolean, paused: boolean): SlaClockStatus {
  if (lifetime.ended === 'canceled') return 'canceled';
  if (breached) return 'breached';
  if (lifetime.ended === 'stopped') return 'met';
  return paused ? 'paused' : 'running';
}

/** The next-response clock before any customer reply is waiting on an answer. */
export function idleClockReport(clock: SlaClockName, policy: SlaPolicy): SlaClockReport {
  const targetMinutes = policy.targets[clock];
  return {
    clock,
    key: clock,
    status: 'idle',
    open: false,
    targetMinutes,
    elapsedMinutes: 0,
    remainingMinutes: targetMinutes,
    dueAt: null,
    warnAt: null,
    breachedAt: null,
    startedAt: null,
    stoppedAt: null,
    milestones: [],
    intervals: [],
  };
}
