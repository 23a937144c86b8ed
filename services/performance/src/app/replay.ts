import { Code, ConnectError } from '@connectrpc/connect';
import {
  CheckinService,
  type Enrollment,
  type Lead,
  LeadsService,
  MarketingService,
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
import { isServiceUnreachable, type ProgressReporter } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { PerformanceContext } from '../config';
import { factRepository } from '../db/fact.repository';
import { uncounted } from '../domain/uncounted';
import { campaignEnrollments } from '../metrics/campaign-enrollments';
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
   * Metrics left as they were made: the merchant figures come by API (this service keeps them, no other has them), and
   * those of a source whose service is not part of the installation.
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
 * A decided enrollment's credit as the marketing export tells it: accepted credits the merchant's owner at launch,
 * declined or expired nothing; one still invited was never counted. Its instant is the decision's stored time (the
 * decided event's is the same decision, stamped a moment later in the same transaction).
 */
function enrollmentCredits(enrollment: Enrollment): Credited[] {
  if (enrollment.state === 'invited' || !enrollment.ownerId || enrollment.decidedAt === undefined) return [];
  const reading: Reading = {
    sourceType: 'enrollment',
    sourceId: enrollment.id,
    version: Number(enrollment.version),
    credit: enrollment.state === 'accepted' ? 1 : 0,
    occurredAt: Number(enrollment.decidedAt),
    attribution: {
      userId: enrollment.ownerId,
      orgUnitId: enrollment.orgUnitId ?? null,
      agencyId: enrollment.agencyId ?? null,
      areaId: enrollment.areaId ?? null,
      country: enrollment.country,
    },
  };
  return [{ metric: campaignEnrollments.name, reading }];
}

/**
 * A source whose service is not part of this installation (no process runs it and no URL names it) or not reachable
 * is left out, as the search rebuild does.
 */
const notInstalled = (error: unknown) =>
  isServiceUnreachable(error) || (error instanceof ConnectError && error.code === Code.Unimplemented);

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

/**
 * `fieldops replay performance`: rebuilds the facts of every metric the sources' exports can tell. A source whose
 * service is not part of the installation is skipped, and its metrics named as not replayed.
 */
export async function replayPerformance(ctx: PerformanceContext, progress: ProgressReporter): Promise<ReplayReport> {
  const call = await ctx.asService();
  const notReplayed = ['merchant-orders', 'merchant-gmv'];
  const source = async (label: string, metrics: string[], pageAfter: (afterId: string) => Promise<Page>) => {
    try {
      return await replaySource(ctx, progress, label, metrics, pageAfter);
    } catch (error) {
      if (!notInstalled(error)) throw error;
      progress.stop();
      ctx.log.warn({ source: label, error: error instanceof Error ? error.message : String(error) }, 'performance replay: source skipped');
      notReplayed.push(...metrics);
      return [];
    }
  };
  const visits = await source('visits', [verifiedVisits.name], async (afterId) => {
    const page = await ctx.rpc.client(CheckinService).exportVisits({ afterId, limit: PAGE }, call);
    return { records: page.visits.length, credited: page.visits.flatMap(visitCredits), nextAfterId: page.nextAfterId };
  });
  const leads = await source('leads', [leadsCaptured.name], async (afterId) => {
    const page = await ctx.rpc.client(LeadsService).exportLeads({ afterId, limit: PAGE }, call);
    return { records: page.leads.length, credited: page.leads.flatMap(leadCredits), nextAfterId: page.nextAfterId };
  });
  const merchantMetrics = [leadsConverted.name, merchantsActivated.name, merchantsRetained.name];
  const merchants = await source('merchants', merchantMetrics, async (afterId) => {
    const page = await ctx.rpc.client(MerchantService).exportMerchants({ afterId, limit: PAGE }, call);
    const history = new Map<string, MerchantTransition[]>();
    for (const t of page.transitions) history.set(t.merchantId, [...(history.get(t.merchantId) ?? []), t]);
    const credited = page.merchants.flatMap((m) =>
      merchantCredits(m, history.get(m.id) ?? [], ctx.countries.get(m.country).merchantRetentionDays),
    );
    return { records: page.merchants.length, credited, nextAfterId: page.nextAfterId };
  });
  const tickets = await source('tickets', [ticketsResolvedInSla.name], async (afterId) => {
    const page = await ctx.rpc.client(TicketsService).exportTickets({ afterId, limit: PAGE }, call);
    return { records: page.tickets.length, credited: page.tickets.flatMap(ticketCredits), nextAfterId: page.nextAfterId };
  });
  const enrollments = await source('enrollments', [campaignEnrollments.name], async (afterId) => {
    // No campaign named: every campaign's enrollments, in id order.
    const page = await ctx.rpc.client(MarketingService).exportEnrollments({ campaignId: '', after: afterId, limit: PAGE }, call);
    return { records: page.enrollments.length, credited: page.enrollments.flatMap(enrollmentCredits), nextAfterId: page.nextAfter };
  });
  return { metrics: [...visits, ...leads, ...merchants, ...tickets, ...enrollments], notReplayed };
}
