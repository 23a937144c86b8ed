/** The permissions this service checks; roles grant them (the account service keeps the catalogue). */
export const CampaignPermission = {
  read: 'campaign:read',
  write: 'campaign:write',
  /** Record a merchant's decision on an invitation (a rep on site, or staff for the merchant). */
  enroll: 'campaign:enroll',
} as const;
