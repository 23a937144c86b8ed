export const DOCUMENT_TYPES = ['merchant', 'lead', 'place', 'visit', 'ticket'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * One denormalised record of the read model: what the owning service said, plus what search added (the owner's
 * name, the area's path, a merchant's last verified visit). `version` is the owner's aggregate version: an event
 * older than the stored document never overwrites it.
 */
export interface SearchDocument {
  type: DocumentType;
  id: string;
  version: number;
  /** When the source last changed it (epoch ms): the recency sort. */
  updatedAt: number;
  title: string;
  address: string;
  /** Contact names and other searchable words (business id, notes). */
  keywords: string[];
  /** E.164 phones; searchable by any tail of 4+ digits. */
  phones: string[];
  country: string;
  lat: number;
  lng: number;
  areaId: string | null;
  ownerId: string | null;
  orgUnitId: string | null;
  agencyId: string | null;
  /** Merchant status, place status, visit verification, ticket state. */
  status: string | null;
  /** Lead stage. */
  stage: string | null;
  /** Lead pool. */
  pool: string | null;
  /** Merchant and place category, ticket type. */
  category: string | null;
  /** Tickets: priority, SLA summary, when the first open clock breaches (epoch ms) and who opened it (who sees it too). */
  priority?: string | null;
  slaStatus?: string | null;
  breachAt?: number | null;
  openedBy?: string | null;
  /** Merchants: whether a ticket about the merchant is open. */
  hasOpenTicket?: boolean;
  ownerName: string | null;
  /** The area and its ancestors, root first: "China / Shanghai / Pudong". */
  areaPath: string | null;
  /** Merchants: the last verified or approved visit (epoch ms). */
  lastVerifiedVisitAt: number | null;
  /** Type-specific fields shown as they are (tier, business id, target of a visit…). */
  details: Record<string, unknown>;
}

/** The fields that follow other records: changes of a user's name or an area's path touch many documents. */
export type DocumentPatch = Partial<Omit<SearchDocument, 'type' | 'id'>>;

/** The words of a document the text index holds besides title and address. */
export function bodyTexts(doc: SearchDocument): string[] {
  return [doc.address, ...doc.keywords, doc.ownerName ?? '', doc.areaPath ?? ''].filter((t) => t !== '');
}
