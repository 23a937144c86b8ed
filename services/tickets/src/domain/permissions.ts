/** The permissions this service checks; roles grant them (the account service keeps the catalogue). */
export const TicketPermission = {
  read: 'ticket:read',
  write: 'ticket:write',
  assign: 'ticket:assign',
} as const;
