import { getCountryPolicy } from '@fieldops/countries';
import {
  computeSla,
  DEFAULT_SLA_POLICIES,
  type SlaClockName,
  type SlaClockReport,
  type SlaHistoryEvent,
  type SlaPriority,
  type SlaReport,
  type SlaTicketState,
  slaPoliciesFor,
} from '../src/domain/sla/index';

/** A ticket's history written as a story: `aTicket('CN', 'equipment-repair').opened(...).staffReplied(...)`. */
export class TicketStory {
  readonly events: SlaHistoryEvent[] = [];
  private state: SlaTicketState = 'new';

  constructor(
    readonly country: 'CN' | 'SG' | 'BR',
    readonly type: string,
  ) {}

  opened(at: string, priority: SlaPriority): this {
    this.events.push({ type: 'opened', at, priority });
    return this;
  }

  movedTo(to: SlaTicketState, at: string): this {
    this.events.push({ type: 'state-changed', at, from: this.state, to });
    this.state = to;
    return this;
  }

  staffReplied(at: string): this {
    this.events.push({ type: 'commented', at, author: 'staff', visibility: 'public' });
    return this;
  }

  staffNoted(at: string): this {
    this.events.push({ type: 'commented', at, author: 'staff', visibility: 'internal' });
    return this;
  }

  customerReplied(at: string): this {
    this.events.push({ type: 'commented', at, author: 'customer', visibility: 'public' });
    return this;
  }

  reprioritized(from: SlaPriority, to: SlaPriority, at: string): this {
    this.events.push({ type: 'priority-changed', at, from, to });
    return this;
  }

  /** The SLA as the API would show it with the clock moved to `now`, on the country's real calendar and policies. */
  slaAt(now: string): SlaReport {
    const policies = slaPoliciesFor(DEFAULT_SLA_POLICIES, this.country, this.type);
    return computeSla(this.events, policies, getCountryPolicy(this.country), new Date(now));
  }
}

export const aTicket = (country: 'CN' | 'SG' | 'BR', type: string) => new TicketStory(country, type);

export function clockOf(report: SlaReport, clock: SlaClockName): SlaClockReport {
  const found = report.clocks.find((candidate) => candidate.clock === clock);
  if (found === undefined) throw new Error(`no ${clock} clock in the report`);
  return found;
}

/** Intervals as [from, to, kind] rows, easy to compare with a hand-written table. */
export const rows = (clock: SlaClockReport) => clock.intervals.map((interval) => [interval.from, interval.to, interval.kind]);
