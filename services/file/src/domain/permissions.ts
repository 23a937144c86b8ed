/** The permissions this service checks; roles grant them (the account service keeps the catalogue). */
export const FilePermission = {
  read: 'file:read',
  write: 'file:write',
} as const;
