/** The permissions this service checks; roles grant them (the account service keeps the catalogue). */
export const MerchantPermission = {
  read: 'merchant:read',
  write: 'merchant:write',
  transfer: 'merchant:transfer',
} as const;
