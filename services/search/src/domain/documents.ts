import {
  type LeadSnapshot,
  type MerchantSnapshot,
  OPEN_TICKET_STATES,
  type PlaceSnapshot,
  type TicketSnapshot,
  type VisitSnapshot,
} from '@fieldops/contracts';
import type { SearchDocument } from './search-document';

/** What search adds to a source's snapshot. */
export interface Enrichment {
  ownerName: string | null;
  areaPath: string | null;
  lastVerifiedVisitAt: number | null;
  /** Merchants: whether one of their tickets is open. */
  hasOpenTicket?: boolean;
}

const NONE: Enrichment = { ownerName: null, areaPath: null, lastVerifiedVisitAt: null };

/** The merchant a ticket is about, as the index holds it: its name and address make the ticket findable by them. */
export interface TicketSubject {
  title: string;
  address: string;
}

export function merchantDocument(m: MerchantSnapshot, at: number, extra: Enrichment = NONE): SearchDocument {
  return {
    type: 'merchant',
    id: m.id,
    version: m.version,
    updatedAt: at,
    title: m.brandName && m.brandName !== m.legalName ? `${m.brandName} (${m.legalName})` : m.legalName,
    address: m.address,
    keywords: [...m.contacts.map((c) => c.name), m.businessId],
    phones: m.contacts.flatMap((c) => (c.phone ? [c.phone] : [])),
    country: m.country,
    lat: m.lat,
    lng: m.lng,
    areaId: m.areaId,
    ownerId: m.ownerId,
    orgUnitId: m.orgUnitId,
    agencyId: m.agencyId,
    status: m.status,
    stage: null,
    pool: null,
    category: m.category,
    ...extra,
    hasOpenTicket: extra.hasOpenTicket ?? false,
    details: {
      legalName: m.legalName,
      brandName: m.brandName,
      tier: m.tier,
      businessId: m.businessId,
      placeId: m.placeId,
      leadId: m.leadId,
    },
  };
}

/** A public-pool lead's phone is not searchable: the leads service masks it until someone claims the lead. */
export function leadDocument(l: LeadSnapshot, at: number, extra: Enrichment = NONE): SearchDocument {
  return {
    type: 'lead',
    id: l.id,
    version: l.version,
    updatedAt: at,
    title: l.name,
    address: l.address,
    keywords: [],
    phones: l.phone && l.ownerId !== null ? [l.phone] : [],
    country: l.country,
    lat: l.lat,
    lng: l.lng,
    areaId: l.areaId,
    ownerId: l.ownerId,
    orgUnitId: l.orgUnitId,
    agencyId: l.agencyId,
    status: l.conversionStatus,
    stage: l.stage,
    pool: l.pool,
    category: l.category,
    ...extra,
    lastVerifiedVisitAt: null,
    details: { phone: l.phone, protectedUntil: l.protectedUntil, nextFollowUpAt: l.nextFollowUpAt, merchantId: l.merchantId },
  };
}

export function placeDocument(p: PlaceSnapshot, at: number, extra: Enrichment = NONE): SearchDocument {
  return {
    type: 'place',
    id: p.id,
    version: p.version,
    updatedAt: at,
    title: p.name,
    address: p.address,
    keywords: [],
    phones: p.phone ? [p.phone] : [],
    country: p.country,
    lat: p.lat,
    lng: p.lng,
    areaId: p.areaId,
    ownerId: null,
    orgUnitId: null,
    agencyId: null,
    status: p.status,
    stage: null,
    pool: null,
    category: p.category,
    ownerName: null,
    areaPath: extra.areaPath,
    lastVerifiedVisitAt: null,
    details: { source: p.source, mergedInto: p.mergedInto },
  };
}

export function visitDocument(v: VisitSnapshot, at: number, extra: Enrichment = NONE): SearchDocument {
  return {
    type: 'visit',
    id: v.id,
    version: v.version,
    updatedAt: at,
    title: v.targetName,
    address: '',
    keywords: v.notes ? [v.notes] : [],
    phones: [],
    country: v.country,
    lat: v.lat,
    lng: v.lng,
    areaId: v.areaId,
    ownerId: v.repId,
    orgUnitId: v.orgUnitId,
    agencyId: v.agencyId,
    status: v.verification,
    stage: null,
    pool: null,
    category: null,
    ownerName: extra.ownerName,
    areaPath: extra.areaPath,
    lastVerifiedVisitAt: null,
    details: {
      targetType: v.targetType,
      targetId: v.targetId,
      checkedInAt: v.checkedInAt,
      checkedOutAt: v.checkedOutAt,
      outcome: v.outcome,
      riskScore: v.riskScore,
    },
  };
}

/** Whether a visit counts as verified (for a merchant's last verified visit). */
export function isVerifiedVisit(v: VisitSnapshot): boolean {
  return v.verification === 'verified' || v.verification === 'approved';
}

/**
 * A ticket: its state is the status, its type the category, its assignee the owner (the tickets service's scope
 * columns); text over its title and the merchant's name and address. A ticket naming no place sits at 0, 0.
 */
export function ticketDocument(t: TicketSnapshot, at: number, subject: TicketSubject | null, extra: Enrichment = NONE): SearchDocument {
  return {
    type: 'ticket',
    id: t.id,
    version: t.version,
    updatedAt: at,
    title: t.title,
    address: subject?.address ?? '',
    keywords: subject ? [subject.title] : [],
    phones: [],
    country: t.country,
    lat: t.lat ?? 0,
    lng: t.lng ?? 0,
    areaId: t.areaId,
    ownerId: t.assigneeId,
    orgUnitId: t.orgUnitId,
    agencyId: t.agencyId,
    status: t.state,
    stage: null,
    pool: null,
    category: t.type,
    priority: t.priority,
    slaStatus: t.slaStatus,
    breachAt: t.slaBreachAt === null ? null : Date.parse(t.slaBreachAt),
    openedBy: t.createdBy,
    ownerName: extra.ownerName,
    areaPath: extra.areaPath,
    lastVerifiedVisitAt: null,
    details: {
      queue: t.queue,
      pendingOn: t.pendingOn,
      merchantId: t.merchantId,
      merchantName: subject?.title ?? null,
      leadId: t.leadId,
      placeId: t.placeId,
      visitId: t.visitId,
    },
  };
}

/** Whether a ticket still counts against its merchant (the tickets service's open states). */
export function isOpenTicket(t: TicketSnapshot): boolean {
  return OPEN_TICKET_STATES.includes(t.state);
}
