import type { SlaStatus } from '@fieldops/contracts';
import type { CountryCode } from '@fieldops/countries';
import type { Kysely, Transaction } from 'kysely';
import type { TicketsContext } from '../config';
import type { HistoryRow } from '../db/history.repository';
import type { TicketsDb } from '../db/schema';
import { type StoredSlaPolicy, slaPolicyRepository } from '../db/sla-policy.repository';
import type { TicketRow } from '../db/ticket.repository';
import {
  computeSla,
  DEFAULT_SLA_POLICIES,
  dueActions,
  nextDueAt,
  type SlaDueAction,
  type SlaHistoryEvent,
  type SlaPolicySet,
  type SlaReport,
  slaPoliciesFor,
  summarizeSla,
} from '../domain/sla';

type Db = Kysely<TicketsDb> | Transaction<TicketsDb>;

/** The SLA columns a ticket row keeps current: the breach job's index and the queue's summary and sort key. */
export interface SlaColumns {
  sla_next_due_at: number | null;
  sla_breach_at: number | null;
  sla_status: SlaStatus;
}

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (at: string | null) => (at === null ? null : Date.parse(at));

/** The facts of a ticket's history the SLA engine counts; other entries (assignments, edits) do not move clocks. */
export function slaHistoryOf(rows: readonly HistoryRow[]): SlaHistoryEvent[] {
  const events: SlaHistoryEvent[] = [];
  for (const row of rows) {
    const detail = JSON.parse(row.detail) as Record<string, unknown>;
    const at = iso(row.at);
    if (row.kind === 'opened') events.push({ type: 'opened', at, priority: detail.priority as never });
    else if (row.from_state !== null && row.to_state !== null && row.from_state !== row.to_state) {
      events.push({ type: 'state-changed', at, from: row.from_state, to: row.to_state });
    }
    if (row.kind === 'commented') {
      const author = detail.author === 'customer' ? 'customer' : 'staff';
      events.push({ type: 'commented', at, author, visibility: detail.visibility === 'public' ? 'public' : 'internal' });
    }
    if (row.kind === 'priority-changed') {
      events.push({ type: 'priority-changed', at, from: detail.from as never, to: detail.to as never });
    }
  }
  return events;
}

/** The policies a type is held to in a country, and where they come from (`version` 0: built in). */
export interface EffectiveSlaPolicies {
  policies: SlaPolicySet;
  source: 'country' | 'built-in';
  /** The row they come from: the type's own or `default`. */
  ticketType: string;
  version: number;
}

/**
 * The policies of a type in a country: the country's own row for the type, else the built-in row for the type when
 * there is one (complaints, on-site work), else the country's own `default`, else the built-in default.
 */
export function effectiveSlaPolicies(stored: readonly StoredSlaPolicy[], country: string, ticketType: string): EffectiveSlaPolicies {
  const own = (type: string) => stored.find((p) => p.country === country && p.ticketType === type);
  const builtIn = (type: string): EffectiveSlaPolicies => ({
    policies: slaPoliciesFor(DEFAULT_SLA_POLICIES, country as CountryCode, type),
    source: 'built-in',
    ticketType: type,
    version: 0,
  });
  const fromRow = (row: StoredSlaPolicy): EffectiveSlaPolicies => ({
    policies: row.policies,
    source: 'country',
    ticketType: row.ticketType,
    version: row.version,
  });
  const typeRow = own(ticketType);
  if (typeRow) return fromRow(typeRow);
  if (ticketType !== 'default' && DEFAULT_SLA_POLICIES[country as CountryCode]?.[ticketType] !== undefined) return builtIn(ticketType);
  const defaultRow = own('default');
  return defaultRow ? fromRow(defaultRow) : builtIn('default');
}

/** The policies of the ticket's country and type, as stored now. */
export async function slaPoliciesOf(db: Db, ticket: Pick<TicketRow, 'country' | 'type'>): Promise<SlaPolicySet> {
  return effectiveSlaPolicies(await slaPolicyRepository.forType(db, ticket.country, ticket.type), ticket.country, ticket.type).policies;
}

/**
 * Every clock of a ticket at `now`, on its country's working calendar, from its history and the policies its type is
 * held to now (a policy change recomputes the open tickets, so each is held to one policy over its whole life).
 */
export function slaReportOf(
  ctx: TicketsContext,
  ticket: Pick<TicketRow, 'country' | 'type'>,
  history: readonly HistoryRow[],
  now: number,
  policies: SlaPolicySet,
): SlaReport {
  return computeSla(slaHistoryOf(history), policies, ctx.countries.get(ticket.country), new Date(now));
}

/**
 * The row's SLA columns. The next due time is the earliest action that fell due but has not fired yet (`fired`
 * holds the keys of those that did), else the engine's next one: a write between a breach and the job's next run
 * must not hide the breach from the job.
 */
export function slaColumnsOf(report: SlaReport, now: number, fired: ReadonlySet<string>): SlaColumns {
  const summary = summarizeSla(report);
  const unfired = dueSlaActions(report, now).filter((action) => !fired.has(action.key));
  const next = unfired.length > 0 ? Math.min(...unfired.map((action) => Date.parse(action.at))) : ms(nextDueAt(report));
  return {
    sla_next_due_at: next,
    sla_breach_at: ms(summary.sortAt),
    sla_status: summary.state,
  };
}

/** The actions that have fallen due by `now` (each fired once by the breach job). */
export function dueSlaActions(report: SlaReport, now: number): SlaDueAction[] {
  return dueActions(report, new Date(now));
}
