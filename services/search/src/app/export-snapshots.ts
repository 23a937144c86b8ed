import type { MessageShape } from '@bufbuild/protobuf';
import type {
  LeadSchema,
  LeadSnapshot,
  MerchantSchema,
  MerchantSnapshot,
  PlaceSchema,
  PlaceSnapshot,
  TicketSchema,
  TicketSnapshot,
  VisitSchema,
  VisitSnapshot,
} from '@fieldops/contracts';

/**
 * The source services' exported messages as the snapshots their events carry, so that an exported record becomes
 * the same document as the events would have made of it.
 */

const some = <T>(value: T | undefined) => value ?? null;
const iso = (ms: bigint) => new Date(Number(ms)).toISOString();
const isoOf = (ms: bigint | undefined) => (ms === undefined ? null : iso(ms));

export function merchantSnapshot(m: MessageShape<typeof MerchantSchema>): MerchantSnapshot {
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

export function leadSnapshot(l: MessageShape<typeof LeadSchema>): LeadSnapshot {
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

export function placeSnapshot(p: MessageShape<typeof PlaceSchema>): PlaceSnapshot {
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

export function visitSnapshot(v: MessageShape<typeof VisitSchema>): VisitSnapshot {
  return {
    id: v.id,
    repId: v.repId,
    orgUnitId: some(v.orgUnitId),
    agencyId: some(v.agencyId),
    country: v.country,
    targetType: v.targetType as VisitSnapshot['targetType'],
    targetId: v.targetId,
    targetName: v.targetName,
    areaId: some(v.areaId),
    lat: v.lat,
    lng: v.lng,
    accuracyM: v.accuracyM,
    distanceM: v.distanceM,
    checkedInAt: iso(v.checkedInAt),
    receivedAt: iso(v.receivedAt),
    checkedOutAt: isoOf(v.checkedOutAt),
    dwellSeconds: v.dwellSeconds === undefined ? null : Number(v.dwellSeconds),
    outcome: some(v.outcome) as VisitSnapshot['outcome'],
    notes: v.notes,
    followUpAt: isoOf(v.followUpAt),
    photoIds: v.photoIds,
    riskScore: v.riskScore,
    riskSignals: v.riskSignals.map((s) => ({ code: s.code, weight: s.weight, detail: s.detail })),
    verification: v.verification as VisitSnapshot['verification'],
    version: Number(v.version),
  };
}

export function ticketSnapshot(t: MessageShape<typeof TicketSchema>): TicketSnapshot {
  return {
    id: t.id,
    country: t.country,
    type: t.type,
    title: t.title,
    state: t.state as TicketSnapshot['state'],
    pendingOn: some(t.pendingOn) as TicketSnapshot['pendingOn'],
    priority: t.priority as TicketSnapshot['priority'],
    queue: t.queue,
    assigneeId: some(t.assigneeId),
    orgUnitId: some(t.orgUnitId),
    agencyId: some(t.agencyId),
    areaId: some(t.areaId),
    merchantId: some(t.merchantId),
    leadId: some(t.leadId),
    placeId: some(t.placeId),
    visitId: some(t.visitId),
    lat: some(t.lat),
    lng: some(t.lng),
    createdBy: t.createdBy,
    slaStatus: t.slaStatus as TicketSnapshot['slaStatus'],
    slaBreachAt: isoOf(t.slaBreachAt),
    version: Number(t.version),
  };
}
