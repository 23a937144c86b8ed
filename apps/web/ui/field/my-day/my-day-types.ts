/** The parts of my day's answer that the day's plain logic reads (kept apart from the query, so it runs anywhere). */
import type { TicketFacts } from '../../shared/data/ticket-facts';

export interface PlannedMerchant {
  id: string;
  brandName: string;
  legalName: string;
  lat: number;
  lng: number;
  address: string;
}

/** One of my open tickets as the day sees it: due overdue, today, later, or none. */
export interface DayTicket {
  due: 'overdue' | 'today' | 'later' | 'none';
  ticket: TicketFacts & {
    merchant: PlannedMerchant | null;
  };
}
