/** The permissions this service checks; roles grant them (the account service keeps the catalogue). */
export const PlacePermission = {
  read: 'place:read',
  write: 'place:write',
} as const;
