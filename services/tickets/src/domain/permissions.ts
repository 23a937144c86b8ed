/** The permissions this service checks; roles grant them (the account service keeps the catalogue). */
export const TicketPermission = {
  read: 'ticket:read',
  write: 'ticket:write',
  assign: 'ticket:assign',
  /** Approve or reject a completion whose visit was flagged. */
  review: 'ticket:review',
  /** Set the SLA policies of one's own country (its country manager; the admin). */
  sla: 'ticket:sla',
} as const;
