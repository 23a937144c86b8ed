/** The permissions this service checks; roles grant them (the account service keeps the catalogue). */
export const LeadPermission = {
  read: 'lead:read',
  write: 'lead:write',
  claim: 'lead:claim',
  assign: 'lead:assign',
} as const;
