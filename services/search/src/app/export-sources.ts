import type { LeadSnapshot, MerchantSnapshot, VisitSnapshot } from '@fieldops/contracts';
import { CheckinService, LeadsService, MerchantService, PoiService, TicketsService } from '@fieldops/contracts';
import type { SearchContext } from '../config';
import { referenceRepository } from '../db/reference.repository';
import { isVerifiedVisit, leadDocument, merchantDocument, placeDocument, visitDocument } from '../domain/documents';
import type { DocumentType, SearchDocument } from '../domain/search-document';
import { areaTree } from './enrich';
import { leadSnapshot, merchantSnapshot, placeSnapshot, ticketSnapshot, visitSnapshot } from './export-snapshots';
import { ticketDocuments } from './ticket-documents';

type CallOptions = { headers: Record<string, string>; timeoutMs: number };

/** One page of a source's export, already turned into documents. */
export interface ExportPage {
  docs: SearchDocument[];
  nextAfterId: string;
}

/** A source service's paged export (ExportVisits, ExportMerchants, ExportLeads, ExportPlaces), as search reads it. */
export interface ExportSource {
  source: string;
  type: DocumentType;
  page(ctx: SearchContext, afterId: string, call: CallOptions): Promise<ExportPage>;
}

const PAGE = 1000;

async function enrich(ctx: SearchContext, records: { ownerId: string | null; areaId: string | null; id: string }[], merchants = false) {
  const users = await referenceRepository.usersById(ctx.db, [...new Set(records.flatMap((r) => (r.ownerId ? [r.ownerId] : [])))]);
  const visits = merchants
    ? await referenceRepository.lastVerifiedVisits(
        ctx.db,
        records.map((r) => r.id),
      )
    : new Map<string, number>();
  const open = merchants
    ? await referenceRepository.withOpenTickets(
        ctx.db,
        ctx.dialect,
        records.map((r) => r.id),
      )
    : new Set<string>();
  const tree = await areaTree(ctx, ctx.db);
  return (r: { ownerId: string | null; areaId: string | null; id: string }) => ({
    ownerName: r.ownerId ? (users.get(r.ownerId)?.name ?? null) : null,
    areaPath: tree.path(r.areaId),
    lastVerifiedVisitAt: visits.get(r.id) ?? null,
    ...(merchants ? { hasOpenTicket: open.has(r.id) } : {}),
  });
}

/**
 * Keeps the latest verified visit of each merchant in search's own table, as the visit events do, so that a rebuild
 * restores it even where an event was missed.
 */
async function recordVerifiedVisits(ctx: SearchContext, visits: VisitSnapshot[]): Promise<void> {
  const latest = new Map<string, number>();
  for (const v of visits) {
    if (v.targetType !== 'merchant' || !isVerifiedVisit(v)) continue;
    latest.set(v.targetId, Math.max(latest.get(v.targetId) ?? 0, Date.parse(v.checkedInAt)));
  }
  for (const [merchantId, at] of latest) {
    await ctx.db.transaction().execute((trx) => referenceRepository.recordVerifiedVisit(trx, ctx.dialect, merchantId, at));
  }
}

/**
 * Visits and tickets come first: their verified visits and open tickets are recorded before the merchants' documents
 * read them.
 */
export const EXPORT_SOURCES: ExportSource[] = [
  {
    source: 'tickets',
    type: 'ticket',
    async page(ctx, afterId, call) {
      const answer = await ctx.rpc.client(TicketsService).exportTickets({ afterId, limit: PAGE }, call);
      const { docs } = await ticketDocuments(
        ctx,
        ctx.db,
        answer.tickets.map((t) => ({ ticket: ticketSnapshot(t), at: Number(t.updatedAt) })),
      );
      return { docs, nextAfterId: answer.nextAfterId };
    },
  },
  {
    source: 'checkin',
    type: 'visit',
    async page(ctx, afterId, call) {
      const answer = await ctx.rpc.client(CheckinService).exportVisits({ afterId, limit: PAGE }, call);
      const snapshots = answer.visits.map(visitSnapshot);
      await recordVerifiedVisits(ctx, snapshots);
      const extra = await enrich(
        ctx,
        snapshots.map((v) => ({ id: v.id, ownerId: v.repId, areaId: v.areaId })),
      );
      const docs = answer.visits.map((v, i) => {
        const snapshot = snapshots[i] as VisitSnapshot;
        return visitDocument(snapshot, Number(v.updatedAt), extra({ id: snapshot.id, ownerId: snapshot.repId, areaId: snapshot.areaId }));
      });
      return { docs, nextAfterId: answer.nextAfterId };
    },
  },
  {
    source: 'merchant',
    type: 'merchant',
    async page(ctx, afterId, call) {
      const answer = await ctx.rpc.client(MerchantService).exportMerchants({ afterId, limit: PAGE }, call);
      const snapshots = answer.merchants.map(merchantSnapshot);
      const extra = await enrich(ctx, snapshots, true);
      const docs = answer.merchants.map((m, i) =>
        merchantDocument(snapshots[i] as MerchantSnapshot, Number(m.updatedAt), extra(snapshots[i] as MerchantSnapshot)),
      );
      return { docs, nextAfterId: answer.nextAfterId };
    },
  },
  {
    source: 'leads',
    type: 'lead',
    async page(ctx, afterId, call) {
      const answer = await ctx.rpc.client(LeadsService).exportLeads({ afterId, limit: PAGE }, call);
      const snapshots = answer.leads.map(leadSnapshot);
      const extra = await enrich(ctx, snapshots);
      const docs = answer.leads.map((l, i) =>
        leadDocument(snapshots[i] as LeadSnapshot, Number(l.updatedAt), extra(snapshots[i] as LeadSnapshot)),
      );
      return { docs, nextAfterId: answer.nextAfterId };
    },
  },
  {
    source: 'poi',
    type: 'place',
    async page(ctx, afterId, call) {
      const answer = await ctx.rpc.client(PoiService).exportPlaces({ afterId, limit: PAGE }, call);
      const tree = await areaTree(ctx, ctx.db);
      const docs = answer.places.map((p) => {
        const snapshot = placeSnapshot(p);
        return placeDocument(snapshot, Number(p.updatedAt), {
          ownerName: null,
          areaPath: tree.path(snapshot.areaId),
          lastVerifiedVisitAt: null,
        });
      });
      return { docs, nextAfterId: answer.nextAfterId };
    },
  },
];
