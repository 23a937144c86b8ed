/**
 * The permissions this service checks; roles grant them (the account service keeps the catalogue). Reading one's
 * own inbox and preferences needs none: every signed-in user has an inbox.
 */
export const NotificationPermission = {
  /** The delivery log and re-sending, within the admin's data scope (their country). */
  deliveries: 'notification:deliveries',
} as const;
