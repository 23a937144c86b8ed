import type { DayTicket, PlannedMerchant } from './my-day-types';

/** A place to go today: a planned stop, one of my merchants or leads, or the merchant of a ticket due today. */
export interface DayStop {
  id: string;
  type: 'merchant' | 'lead' | 'place';
  name: string;
  lat: number;
  lng: number;
  address: string;
  visited?: boolean;
  /** My tickets due today or overdue at this merchant: the work to do there. */
  tickets: DayTicket[];
}

/** How many of my own merchants and leads stand in for a plan on a day without one. */
export const UNPLANNED_STOPS = 10;

/** A merchant as a stop of the day: named by its brand when it has one. */
export function merchantStop(m: PlannedMerchant): DayStop {
  return { id: m.id, type: 'merchant', name: m.brandName || m.legalName, lat: m.lat, lng: m.lng, address: m.address, tickets: [] };
}

/** A ticket the rep works on at its merchant today: due today or overdue, and not waiting on a reviewer. */
export const isTicketForToday = ({ due, ticket }: DayTicket): boolean =>
  ticket.merchant !== null && (due === 'overdue' || due === 'today') && ticket.state !== 'review';

/**
 * The day's stops in visiting order, each numbered by its place in the list: the plan when there is one (else my
 * nearest merchants and leads, as `unplanned` comes), with each ticket for today at its merchant's stop, or at a stop
 * of its own after the plan's. Without a plan the tickets' merchants come first: they are work that is due.
 */
export function dayStops(planned: DayStop[], unplanned: DayStop[], tickets: DayTicket[]): DayStop[] {
  const ticketStops: DayStop[] = [];
  const base = planned.length > 0 ? planned.map((stop) => ({ ...stop, tickets: [...stop.tickets] })) : [];
  for (const entry of tickets.filter(isTicketForToday)) {
    const merchant = entry.ticket.merchant as PlannedMerchant;
    const at = [...base, ...ticketStops].find((stop) => stop.type === 'merchant' && stop.id === merchant.id);
    if (at) at.tickets.push(entry);
    else ticketStops.push({ ...merchantStop(merchant), tickets: [entry] });
  }
  if (planned.length > 0) return [...base, ...ticketStops];
  const others = unplanned
    .filter((stop) => !ticketStops.some((known) => known.type === stop.type && known.id === stop.id))
    .slice(0, UNPLANNED_STOPS);
  return [...ticketStops, ...others];
}
