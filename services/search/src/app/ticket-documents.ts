import type { TicketSnapshot } from '@fieldops/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { SearchContext } from '../config';
import { referenceRepository } from '../db/reference.repository';
import type { SearchDb } from '../db/schema';
import { isOpenTicket, ticketDocument } from '../domain/documents';
import type { SearchDocument } from '../domain/search-document';
import { enrichmentOf } from './enrich';

type Db = Kysely<SearchDb> | Transaction<SearchDb>;

export interface IndexedTickets {
  docs: SearchDocument[];
  /** Merchants whose open-ticket flag may have changed. */
  merchants: string[];
}

/**
 * Tickets as documents: each named with its merchant's name and address as the index holds them, and recorded as
 * open or not against its merchant (for the merchant's open-ticket flag).
 */
export async function ticketDocuments(
  ctx: SearchContext,
  db: Db,
  tickets: { ticket: TicketSnapshot; at: number }[],
): Promise<IndexedTickets> {
  const docs: SearchDocument[] = [];
  const merchants = new Set<string>();
  for (const { ticket, at } of tickets) {
    const touched = await referenceRepository.putTicketMerchant(db, ctx.dialect, {
      ticket_id: ticket.id,
      merchant_id: ticket.merchantId,
      open: Number(isOpenTicket(ticket)),
      version: ticket.version,
    });
    for (const id of touched) merchants.add(id);
    const merchant = ticket.merchantId ? await ctx.deps.holder.current.get('merchant', ticket.merchantId) : undefined;
    const extra = await enrichmentOf(ctx, db, { ownerId: ticket.assigneeId, areaId: ticket.areaId });
    docs.push(ticketDocument(ticket, at, merchant ? { title: merchant.title, address: merchant.address } : null, extra));
  }
  return { docs, merchants: [...merchants] };
}

/** Moves the open-ticket flag of each merchant's document to what search's table says now. */
export async function refreshOpenTicketFlags(ctx: SearchContext, db: Db, merchantIds: string[]): Promise<void> {
  const open = await referenceRepository.withOpenTickets(db, ctx.dialect, merchantIds, true);
  for (const id of merchantIds) await ctx.deps.holder.patch('merchant', id, { hasOpenTicket: open.has(id) }, null);
}
