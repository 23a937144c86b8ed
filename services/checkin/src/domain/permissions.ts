/** The permissions this service checks; roles grant them (the account service keeps the catalogue). */
export const VisitPermission = {
  read: 'visit:read',
  write: 'visit:write',
  review: 'visit:review',
} as const;
