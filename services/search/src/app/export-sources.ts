import type { MessageShape } from '@bufbuild/protobuf';
import type { LeadSnapshot, MerchantSnapshot, PlaceSnapshot } from '@fieldops/contracts';
import { type LeadSchema, LeadsService, type MerchantSchema, MerchantService, type PlaceSchema, PoiService } from '@fieldops/contracts';
import type { SearchContext } from '../config';
import { referenceRepository } from '../db/reference.repository';
import { leadDocument, merchantDocument, placeDocument } from '../domain/documents';
import type { DocumentType, SearchDocument } from '../domain/search-document';
import { areaTree } from './enrich';

type CallOptions = { headers: Record<string, string>; timeoutMs: number };

/** One page of a source's export, already turned into documents. */
export interface ExportPage {
  docs: SearchDocument[];
  nextAfterId: string;
}

/** A source service's paged export (ExportMerchants, ExportLeads, ExportPlaces), as search reads it. */
export interface ExportSource {
  source: string;
  type: DocumentType;
  page(ctx: SearchContext, afterId: string, call: CallOptions): Promise<ExportPage>;
}

const PAGE = 1000;
const some = (value: string | undefined) => value ?? null;
const isoOf = (ms: bigint | undefined) => (ms === undefined ? null : new Date(Number(ms)).toISOString());

async function enrich(ctx: SearchContext, records: { ownerId: string | null; areaId: string | null; id: string }[], merchants = false) {
  const users = await referenceRepository.usersById(ctx.db, [...new Set(records.flatMap((r) => (r.ownerId ? [r.ownerId] : [])))]);
  const visits = merchants
    ? await referenceRepository.lastVerifiedVisits(
        ctx.db,
        records.map((r) => r.id),
      )
    : new Map<string, number>();
  const tree = await areaTree(ctx, ctx.db);
  return (r: { ownerId: string | null; areaId: string | null; id: string }) => ({
    ownerName: r.ownerId ? (users.get(r.ownerId)?.name ?? null) : null,
    areaPath: tree.path(r.areaId),
    lastVerifiedVisitAt: visits.get(r.id) ?? null,
  });
}

function merchantSnapshot(m: MessageShape<typeof MerchantSchema>): MerchantSnapshot {
  return {
    id: m.id,
    legalName: m.legalName,
    brandName: m.brandName,
    category: m.category as MerchantSnapshot['category'],
    tier: m.tier as MerchantSnapshot['tier'],
    contacts: m.contacts.map((c) => ({ name: c.name, role: c.role, phone: some(c.phone) })),
    address: m.address,
    placeId: some(m.placeId),
    country: m.country,
    lat: m.lat,
    lng: m.lng,
    areaId: some(m.areaId),
    ownerId: some(m.ownerId),
    orgUnitId: some(m.orgUnitId),
    agencyId: some(m.agencyId),
    businessId: m.businessId,
    documents: m.documents,
    leadId: some(m.leadId),
    status: m.status as MerchantSnapshot['status'],
    version: Number(m.version),
  };
}

function leadSnapshot(l: MessageShape<typeof LeadSchema>): LeadSnapshot {
  return {
    id: l.id,
    name: l.name,
    phone: some(l.phone),
    address: l.address,
    category: l.category as LeadSnapshot['category'],
    lat: l.lat,
    lng: l.lng,
    country: l.country,
    areaId: some(l.areaId),
    ownerId: some(l.ownerId),
    orgUnitId: some(l.orgUnitId),
    agencyId: some(l.agencyId),
    pool: l.pool as LeadSnapshot['pool'],
    stage: l.stage as LeadSnapshot['stage'],
    protectedUntil: isoOf(l.protectedUntil),
    claimedAt: null,
    nextFollowUpAt: isoOf(l.nextFollowUpAt),
    duplicateOf: some(l.duplicateOf),
    merchantId: some(l.merchantId),
    conversionStatus: l.conversionStatus as LeadSnapshot['conversionStatus'],
    version: Number(l.version),
  };
}

function placeSnapshot(p: MessageShape<typeof PlaceSchema>): PlaceSnapshot {
  return {
    id: p.id,
    name: p.name,
    address: p.address,
    category: p.category as PlaceSnapshot['category'],
    phone: some(p.phone),
    country: p.country,
    lat: p.lat,
    lng: p.lng,
    source: p.source as PlaceSnapshot['source'],
    status: p.status as PlaceSnapshot['status'],
    mergedInto: some(p.mergedInto),
    areaId: some(p.areaId),
    version: Number(p.version),
  };
}

export const EXPORT_SOURCES: ExportSource[] = [
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
