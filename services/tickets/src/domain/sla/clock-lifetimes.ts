import type { SlaHistoryEvent, SlaPriority, SlaTicketState } from './sla-history';
import type { SlaClockName } from './sla-policy';

/** [from, to) in epoch ms. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

/** When one clock (or one next-response cycle) was alive, and how it ended. */
export interface ClockLifetime {
  readonly clock: SlaClockName;
  readonly key: string;
  /** Stretches the clock was started for; the resolution clock has one per resolve/reopen round. */
  readonly spans: readonly Span[];
  /** `null` while open at `now`. */
  readonly ended: 'stopped' | 'canceled' | null;
}

export interface TicketTimeline {
  /** The instant replayed to: the requested `now`, or the opening when `now` came before it. */
  readonly now: number;
  readonly firstResponse: ClockLifetime;
  /** The latest next-response cycle; null before the customer has had to wait on an answer. */
  readonly nextResponse: ClockLifetime | null;
  readonly resolution: ClockLifetime;
  /** While the ticket was `pending`: every open clock is paused then. */
  readonly pending: readonly Span[];
  /** Whether the ticket is `pending` at `now`. */
  readonly pendingNow: boolean;
  /** The priority in force at an instant, for the target a clock is held to. */
  priorityAt(epochMs: number): SlaPriority;
}

const CLOSED_STATES: ReadonlySet<SlaTicketState> = new Set(['resolved', 'closed']);

/** A clock being walked through the history. */
class WalkedClock {
  readonly spans: { from: number; to: number | null }[] = [];
  ended: 'stopped' | 'canceled' | null = null;

  constructor(
    readonly clock: SlaClockName,
    readonly key: string,
  ) {}

  get isOpen(): boolean {
    return this.spans.length > 0 && this.ended === null;
  }

  start(at: number): void {
    this.spans.push({ from: at, to: null });
    this.ended = null;
  }

  end(at: number, how: 'stopped' | 'canceled'): void {
    if (!this.isOpen) return;
    const last = this.spans[this.spans.length - 1];
    if (last !== undefined) last.to = at;
    this.ended = how;
  }

  finish(now: number): ClockLifetime {
    return {
      clock: this.clock,
      key: this.key,
      spans: this.spans.map((span) => ({ from: span.from, to: span.to ?? now })),
      ended: this.ended,
    };
  }
}

/** Replays a ticket's history up to `now` into clock lifetimes and pending stretches. */
export function replayHistory(history: readonly SlaHistoryEvent[], requestedNow: number): TicketTimeline {
  const sorted = history
    .map((event, index) => ({ event, at: Date.parse(event.at), index }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  const opened = sorted.find((entry) => entry.event.type === 'opened');
  if (opened === undefined || opened.event.type !== 'opened') throw new Error('An SLA needs the ticket’s opened event');
  // A replica whose clock is a little behind the one that opened the ticket must still see it opened.
  const now = Math.max(requestedNow, opened.at);
  const events = sorted.filter((entry) => entry.at <= now);

  const firstResponse = new WalkedClock('firstResponse', 'firstResponse');
  const resolution = new WalkedClock('resolution', 'resolution');
  let nextResponse: WalkedClock | null = null;
  let cycles = 0;
  let responded = false;
  let state: SlaTicketState = 'new';
  let pendingSince: number | null = null;
  const pending: Span[] = [];
  const openedPriority = opened.event.priority;
  const priorities: { from: number; priority: SlaPriority }[] = [{ from: opened.at, priority: openedPriority }];

  const agentResponded = (at: number) => {
    responded = true;
    firstResponse.end(at, 'stopped');
    nextResponse?.end(at, 'stopped');
  };

  for (const { event, at } of events) {
    switch (event.type) {
      case 'opened':
        // A duplicated opened event must not start the clocks twice.
        if (resolution.spans.length > 0) break;
        firstResponse.start(at);
        resolution.start(at);
        break;
      case 'priority-changed':
        priorities.push({ from: at, priority: event.to });
        break;
      case 'commented':
        if (event.visibility !== 'public') break;
        if (event.author === 'staff') agentResponded(at);
        else if (responded && !nextResponse?.isOpen && !CLOSED_STATES.has(state) && state !== 'canceled') {
          cycles += 1;
          nextResponse = new WalkedClock('nextResponse', `nextResponse.${cycles}`);
          nextResponse.start(at);
        }
        break;
      case 'state-changed': {
        const { to } = event;
        if (state === 'pending' && to !== 'pending' && pendingSince !== null) {
          pending.push({ from: pendingSince, to: at });
          pendingSince = null;
        }
        if (to === 'pending' && pendingSince === null) pendingSince = at;
        // Accepting new or assigned work answers the customer; resuming after pending or a reopen does not.
        if (to === 'in_progress' && (state === 'new' || state === 'assigned')) agentResponded(at);
        // Work completed on site answered the merchant in person; the resolution clock runs on until a reviewer
        // approves it (a flagged visit is not yet proof the work was done).
        if (to === 'review') agentResponded(at);
        if (CLOSED_STATES.has(to)) {
          // Resolving answers the customer too, so it stops the response clocks as well.
          responded = true;
          firstResponse.end(at, 'stopped');
          nextResponse?.end(at, 'stopped');
          resolution.end(at, 'stopped');
        } else if (to === 'canceled') {
          for (const clock of [firstResponse, nextResponse, resolution]) clock?.end(at, 'canceled');
        } else if (CLOSED_STATES.has(state) && resolution.ended === 'stopped') {
          resolution.start(at);
        }
        state = to;
        break;
      }
    }
  }
  if (pendingSince !== null && pendingSince < now) pending.push({ from: pendingSince, to: now });

  return {
    now,
    firstResponse: firstResponse.finish(now),
    nextResponse: nextResponse === null ? null : nextResponse.finish(now),
    resolution: resolution.finish(now),
    pending,
    pendingNow: pendingSince !== null,
    priorityAt(epochMs) {
      let current = openedPriority;
      for (const change of priorities) if (change.from <= epochMs) current = change.priority;
      return current;
    },
  };
}
