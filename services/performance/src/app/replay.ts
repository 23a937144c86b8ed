import { Code, ConnectError } from '@connectrpc/connect';
import {
  CheckinService,
  type Lead,
  LeadsService,
  type Merchant,
  MerchantService,
  type MerchantTransition,
  type SlaStatus,
  TICKET_STATES,
  type Ticket,
  type TicketState,
  TicketsService,
  VISIT_VERIFICATIONS,
  type Visit,
  type VisitVerification,
} from '@fieldops/contracts';
import { ConfigError, type ProgressReporter } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { PerformanceContext } from '../config';
import { factRepository } from '../db/fact.repository';
import { uncounted } from '../domain/uncounted';
import { leadsCaptured } from '../metrics/leads-captured';
import { leadsConverted } from '../metrics/leads-converted';
import { merchantsActivated } from '../metrics/merchants-activated';
import { churnedWithinRetention, merchantsRetained } from '../metrics/merchants-retained';
import type { Attribution, Reading } from '../metrics/metric';
import { ticketReading, ticketsResolvedInSla } from '../metrics/tickets-resolved-in-sla';
import { verifiedVisits, visitReading } from '../metrics/verified-visits';
import { placed } from './known-before';
import { settleCredit } from './settle-credit';

const PAGE = 500;

export interface ReplayReport {
  metrics: { metric: string; read: number; corrected: number }[];
  /**
   * Metrics left as they were made: the merchant figures come by API, campaign enrollments are exported one campaign at
   * a time with no list of campaigns to walk, and tickets when the tickets service is not part of the installation.
   */
  notReplayed: string[];
}

type Credited = { metric: string; reading: Reading };
/** One page of a source's export, and the credits each record in it should have. */
type Page = { records: number; credited: Credited[]; nextAfterId: string };

function visitCredits(visit: Visit): Credited[] {
  const verification = visit.verification as VisitVerification;
  if (!VISIT_VERIFICATIONS.includes(verification)) return [];
  const reading = visitReading({
    id: visit.id,
    repId: visit.repId,
    orgUnitId: visit.orgUnitId ?? null,
    agencyId: visit.agencyId ?? null,
    areaId: visit.areaId ?? null,
    country: visit.country,
    checkedInAt: new Date(Number(visit.checkedInAt)).toISOString(),
    verification,
    version: Number(visit.version),
    riskSignals: visit.riskSignals.map((signal) => ({ code: signal.code, weight: signal.weight, detail: signal.detail })),
  });
  return [{ metric: verifiedVisits.name, reading }];
}

const attributionOf = (record: Lead | Merchant, userId: string): Attribution => ({
  userId,
  orgUnitId: record.orgUnitId ?? null,
  agencyId: record.agencyId ?? null,
  areaId: record.areaId ?? null,
  country: record.country,
});

/** A lead counts as captured by the rep it was created held by, when it is not a duplicate. */
function leadCredits(lead: Lead): Credited[] {
  if (!lead.capturedBy) return [];
  const reading: Reading = {
    sourceType: 'lead',
    sourceId: lead.id,
    version: Number(lead.version),
    credit: lead.duplicateOf ? 0 : 1,
    occurredAt: Number(lead.createdAt),
    attribution: attributionOf(lead, lead.capturedBy),
    ...(lead.duplicateOf ? { uncounted: uncounted('duplicate') } : {}),
  };
  return [{ metric: leadsCaptured.name, reading }];
}

/**
 * A merchant's conversion (made from a lead), its activation (its first move from onboarding to active) and
 * whether it was retained (not churned within its country's retention days of that), from the export and its status history.
 */
function merchantCredits(merchant: Merchant, history: MerchantTransition[], retentionDays: number): Credited[] {
  if (!merchant.ownerId) return [];
  const attribution = attributionOf(merchant, merchant.ownerId);
  const credited: Credited[] = [];
  if (merchant.leadId) {
    credited.push({
      metric: leadsConverted.name,
      reading: {
        sourceType: 'lead',
        sourceId: merchant.leadId,
        version: 1,
        credit: 1,
        occurredAt: Number(merchant.createdAt),
        attribution,
      },
    });
  }
  const activation = history.find((t) => t.from === 'onboarding' && t.to === 'active');
  if (!activation) return credited;
  const at = Number(activation.at);
  const churnedSoon = history.some((t) => t.to === 'churned' && churnedWithinRetention(at, Number(t.at), retentionDays));
  const base = { sourceType: 'merchant' as const, sourceId: merchant.id, version: Number(merchant.version), occurredAt: at, attribution };
  credited.push({ metric: merchantsActivated.name, reading: { ...base, credit: 1 } });
  credited.push({ metric: merchantsRetained.name, reading: { ...base, credit: churnedSoon ? 0 : 1 } });
  return credited;
}

/**
 * A ticket's credit as its export tells it. The export has no time of resolution: a ticket the events never
 * credited is credited at its last change, which is its resolution unless it was edited or closed since.
 */
function ticketCredits(ticket: Ticket): Credited[] {
  const state = ticket.state as TicketState;
  if (!TICKET_STATES.includes(state)) return [];
  const reading = ticketReading(
    {
      id: ticket.id,
      state,
      slaStatus: ticket.slaStatus as SlaStatus,
      assigneeId: ticket.assigneeId ?? null,
      orgUnitId: ticket.orgUnitId ?? null,
      agencyId: ticket.agencyId ?? null,
      areaId: ticket.areaId ?? null,
      country: ticket.country,
      version: Number(ticket.version),
    },
    Number(ticket.updatedAt),
  );
  return reading ? [{ metric: ticketsResolvedInSla.name, reading }] : [];
}

/**
 * A source whose service is not part of this installation (no process runs it and no URL names it) or not reachable
 * is left out, as the search rebuild does.
 */
const notInstalled = (error: unknown) =>
  error instanceof ConfigError || (error instanceof ConnectError && (error.code === Code.Unimplemented || error.code === Code.Unavailable));

/**
 * Brings one source's facts to what its export says, page by page: a record whose events were missed (or whose facts
 * were lost) gets the facts for the difference, one already in step is left alone. Runs beside the consumers, since
 * both settle a source's credit the same way and the newest version wins.
 */
async function replaySource(
  ctx: PerformanceContext,
  progress: ProgressReporter,
  label: string,
  metrics: string[],
  pageAfter: (afterId: string) => Promise<Page>,
) {
  const counts = new Map(metrics.map((m) => [m, { metric: m, read: 0, corrected: 0 }]));
  let afterId = '';
  // The exports have no count: the bar shows records read.
  progress.start(1, `performance: ${label}`);
  do {
    const page = await pageAfter(afterId);
    for (const { metric, reading } of page.credited) {
      const count = counts.get(metric);
      if (!count) continue;
      count.read++;
      // Most records are in step: settled at this version already, they need no transaction.
      const stored = await factRepository.source(ctx.db, metric, reading.sourceType, reading.sourceId);
      if (stored && stored.version >= reading.version) continue;
      const where = await placed(ctx, reading);
      const changed = await ctx.transact(async (trx) => settleCredit(ctx, trx, uuidv7(), metric, where), { retryLockConflicts: true });
      if (changed) count.corrected++;
    }
    progress.tick(page.records);
    afterId = page.nextAfterId;
  } while (afterId !== '');
  progress.stop();
  return [...counts.values()];
}

/** `fieldops replay performance`: rebuilds the facts of every metric the sources' exports can tell. */
export async function replayPerformance(ctx: PerformanceContext, progress: ProgressReporter): Promise<ReplayReport> {
  const call = await ctx.asService();
  const visits = await replaySource(ctx, progress, 'visits', [verifiedVisits.name], async (afterId) => {
    const page = await ctx.rpc.client(CheckinService).exportVisits({ afterId, limit: PAGE }, call);
    return { records: page.visits.length, credited: page.visits.flatMap(visitCredits), nextAfterId: page.nextAfterId };
  });
  const leads = await replaySource(ctx, progress, 'leads', [leadsCaptured.name], async (afterId) => {
    const page = await ctx.rpc.client(LeadsService).exportLeads({ afterId, limit: PAGE }, call);
    return { records: page.leads.length, credited: page.leads.flatMap(leadCredits), nextAfterId: page.nextAfterId };
  });
  const merchantMetrics = [leadsConverted.name, merchantsActivated.name, merchantsRetained.name];
  const merchants = await replaySource(ctx, progress, 'merchants', merchantMetrics, async (afterId) => {
    const page = await ctx.rpc.client(MerchantService).exportMerchants({ afterId, limit: PAGE }, call);
    const history = new Map<string, MerchantTransition[]>();
    for (const t of page.transitions) history.set(t.merchantId, [...(history.get(t.merchantId) ?? []), t]);
    const credited = page.merchants.flatMap((m) =>
      merchantCredits(m, history.get(m.id) ?? [], ctx.countries.get(m.country).merchantRetentionDays),
    );
    return { records: page.merchants.length, credited, nextAfterId: page.nextAfterId };
  });
  const notReplayed = ['merchant-orders', 'merchant-gmv', 'campaign-enrollments'];
  let tickets: ReplayReport['metrics'] = [];
  try {
    tickets = await replaySource(ctx, progress, 'tickets', [ticketsResolvedInSla.name], async (afterId) => {
      const page = await ctx.rpc.client(TicketsService).exportTickets({ afterId, limit: PAGE }, call);
      return { records: page.tickets.length, credited: page.tickets.flatMap(ticketCredits), nextAfterId: page.nextAfterId };
    });
  } catch (error) {
    if (!notInstalled(error)) throw error;
    progress.stop();
    ctx.log.warn(
      { source: 'tickets', error: error instanceof Error ? error.message : String(error) },
      'performance replay: source skipped',
    );
    notReplayed.push(ticketsResolvedInSla.name);
  }
  return { metrics: [...visits, ...leads, ...merchants, ...tickets], notReplayed };
}
