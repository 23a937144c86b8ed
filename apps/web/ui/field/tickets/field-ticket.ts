import { useQuery } from '@tanstack/react-query';
import { screenQuery } from '../../shared/api/graphql';
import type { TicketFacts } from '../../shared/data/ticket-facts';

/** A ticket as the field app shows it: the facts, its merchant with the contacts, and the moves it allows now. */
export interface FieldTicket {
  ticket: TicketFacts & {
    fields: string;
    merchant: {
      id: string;
      brandName: string;
      legalName: string;
      address: string;
      lat: number;
      lng: number;
      contacts: { name: string; role: string }[];
    } | null;
  };
  moves: string[];
}

export const fieldTicketKey = (id: string) => ['field-ticket', id] as const;

/** A ticket of mine; the last answer serves offline, so a ticket opened online can be completed without a network. */
export function useFieldTicket(id: string) {
  return useQuery({
    queryKey: fieldTicketKey(id),
    queryFn: () => screenQuery<{ ticketDetail: FieldTicket | null }>('FieldTicket', { id }),
    networkMode: 'offlineFirst',
  });
}

/** States a ticket is completed on site from (the tickets service's moves to resolved or review). */
const WORKABLE = new Set(['assigned', 'in_progress', 'pending']);

export const completableOnSite = (ticket: FieldTicket['ticket']): boolean => ticket.merchant !== null && WORKABLE.has(ticket.state);

/** The merchant's name as a stop shows it: its brand when it has one. */
export const merchantName = (merchant: { brandName: string; legalName: string }): string => merchant.brandName || merchant.legalName;
