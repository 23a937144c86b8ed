/** The facts of a ticket's own history the SLA clocks are computed from (the tickets service maps its events here). */

/** Ticket lifecycle states; `pending` is waiting on the merchant or a third party. */
export type SlaTicketState = 'new' | 'assigned' | 'in_progress' | 'pending' | 'review' | 'resolved' | 'closed' | 'canceled';

export const SLA_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type SlaPriority = (typeof SLA_PRIORITIES)[number];

/**
 * One fact, `at` an ISO instant. What counts as an agent's response is decided here, once:
 * - a `public` comment by `staff` (a comment the merchant/partner can read), or
 * - the rep completing the work at the merchant (a move to `review`: the merchant met them there), or
 * - the assignee accepting the work: a transition from `new` or `assigned` to `in_progress` (resuming after
 *   `pending` or a reopen is not an answer).
 * Internal comments and a dispatcher merely assigning the ticket do not answer the customer, so they do not count.
 * A `public` comment by the `customer` (merchant or partner) after an agent response opens a next-response cycle.
 */
export type SlaHistoryEvent =
  | { readonly type: 'opened'; readonly at: string; readonly priority: SlaPriority }
  | { readonly type: 'state-changed'; readonly at: string; readonly from: SlaTicketState; readonly to: SlaTicketState }
  | {
      readonly type: 'commented';
      readonly at: string;
      readonly author: 'staff' | 'customer';
      readonly visibility: 'public' | 'internal';
    }
  | { readonly type: 'priority-changed'; readonly at: string; readonly from: SlaPriority; readonly to: SlaPriority };
