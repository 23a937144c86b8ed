/** The permissions this service checks; roles grant them (the account service keeps the catalogue). */
export const AreaPermission = {
  read: 'area:read',
  write: 'area:write',
} as const;
