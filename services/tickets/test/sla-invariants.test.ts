import { describe, expect, it } from 'vitest';
import { dueActions, nextDueAt, SLA_PRIORITIES, type SlaClockReport, type SlaPriority } from '../src/domain/sla/index';
import { aTicket, clockOf, type TicketStory } from './sla-history-builder';

/** mulberry32: a tiny seeded generator, so a failing history can be replayed from its seed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const MINUTE = 60_000;
const COUNTRIES = ['CN', 'SG', 'BR'] as const;
const TYPES = ['equipment-repair', 'complaint', 'photo-shoot'];

/** A random but legal ticket life between March 2026 and mid 2027. */
function randomStory(random: () => number): { story: TicketStory; end: number } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const story = aTicket(pick(COUNTRIES), pick(TYPES));
  let at = Date.parse('2026-03-01T00:00:00Z') + Math.floor(random() * 400 * 24 * 60) * MINUTE;
  let priority: SlaPriority = pick(SLA_PRIORITIES);
  let state: 'open' | 'pending' | 'resolved' = 'open';
  const iso = () => new Date(at).toISOString();
  story.opened(iso(), priority);
  for (let step = Math.floor(random() * 12); step > 0; step -= 1) {
    // Odd seconds and milliseconds on purpose: real timestamps are not minute-aligned.
    at += Math.floor(random() * 3 * 86_400_000);
    const roll = random();
    if (state === 'resolved') {
      story.movedTo('in_progress', iso());
      state = 'open';
    } else if (roll < 0.25) story.staffReplied(iso());
    else if (roll < 0.45) story.customerReplied(iso());
    else if (roll < 0.55) story.staffNoted(iso());
    else if (roll < 0.7) {
      story.movedTo(state === 'pending' ? 'in_progress' : 'pending', iso());
      state = state === 'pending' ? 'open' : 'pending';
    } else if (roll < 0.8) {
      const next = pick(SLA_PRIORITIES);
      story.reprioritized(priority, next, iso());
      priority = next;
    } else if (roll < 0.95) {
      story.movedTo('resolved', iso());
      state = 'resolved';
    } else {
      story.movedTo('canceled', iso());
      break;
    }
  }
  return { story, end: at };
}

function expectTiled(clock: SlaClockReport, now: string): void {
  if (clock.status === 'idle') return;
  const { intervals } = clock;
  expect(intervals[0]?.from).toBe(clock.startedAt);
  expect(intervals[intervals.length - 1]?.to).toBe(clock.stoppedAt ?? now);
  for (let i = 1; i < intervals.length; i += 1) expect(intervals[i]?.from).toBe(intervals[i - 1]?.to);
  const countedMs = intervals
    .filter((interval) => interval.kind === 'counted')
    .reduce((sum, interval) => sum + Date.parse(interval.to) - Date.parse(interval.from), 0);
  expect(Math.floor(countedMs / MINUTE)).toBe(clock.elapsedMinutes);
}

describe('SLA invariants over random ticket histories (seeded)', () => {
  it.each([1, 2, 3, 4])('seed %i: intervals explain the elapsed time, due times come true, time only adds up', (seed) => {
    const random = seeded(seed);
    for (let run = 0; run < 40; run += 1) {
      const { story, end } = randomStory(random);
      const now = new Date(end + Math.floor(random() * 5 * 86_400_000)).toISOString();
      const report = story.slaAt(now);
      const context = `seed ${seed} run ${run}: ${JSON.stringify(story.events)} at ${now}`;

      for (const clock of report.clocks) {
        expectTiled(clock, now);
        // A breach is reported where, and only where, the target was passed.
        expect(clock.status === 'breached', context).toBe(clock.status !== 'canceled' && clock.breachedAt !== null);
        if (clock.status !== 'running') continue;
        expect(Date.parse(clock.dueAt ?? ''), context).toBeGreaterThan(Date.parse(now));
        // Replaying the same history at the due time finds exactly the target elapsed and the breach there.
        const dueAt = clock.dueAt;
        expect(dueAt, context).not.toBeNull();
        const atDue = clockOf(story.slaAt(dueAt ?? now), clock.clock);
        expect(atDue.elapsedMinutes, context).toBe(atDue.targetMinutes);
        expect(atDue.breachedAt, context).toBe(dueAt);
      }

      const later = story.slaAt(new Date(Date.parse(now) + Math.floor(random() * 10_000) * MINUTE).toISOString());
      for (const clock of report.clocks) {
        expect(clockOf(later, clock.clock).elapsedMinutes, context).toBeGreaterThanOrEqual(clock.elapsedMinutes);
      }

      const next = nextDueAt(report);
      if (next !== null) expect(Date.parse(next), context).toBeGreaterThan(Date.parse(now));
      for (const action of dueActions(report, new Date(now))) {
        expect(Date.parse(action.at), context).toBeLessThanOrEqual(Date.parse(now));
      }
    }
  });
});
