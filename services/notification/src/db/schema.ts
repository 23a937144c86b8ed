import type { PlatformTables } from '@fieldops/platform';
import type { DeliveryChannel } from '../channels/channel';

export type Severity = 'normal' | 'critical';

/** One in-app notice for one user: the inbox. */
export interface NoticeTable {
  /** UUIDv7: ids sort by creation, the inbox's order and the stream's Last-Event-ID. */
  id: string;
  user_id: string;
  workflow: string;
  /** What caused it (the event id); unique with user and workflow, so a redelivered event makes no second notice. */
  source_key: string;
  severity: Severity;
  title: string;
  body: string;
  link: string | null;
  created_at: number;
  read_at: number | null;
  archived_at: number | null;
}

/**
 * queued → sent; a temporary failure waits in `retrying` until `next_attempt_at`; a permanent one is `failed`; after
 * the last attempt, `dead-lettered`. `suppressed`: not sent (switched off, no address), kept so the log says why.
 */
export type DeliveryState = 'queued' | 'retrying' | 'sent' | 'failed' | 'dead-lettered' | 'suppressed';

/** One (notice, channel) attempt record: the delivery log. */
export interface DeliveryTable {
  id: string;
  user_id: string;
  workflow: string;
  channel: DeliveryChannel;
  /** The event id, or `digest:<window end>` for a digest; unique with user, workflow and channel. */
  source_key: string;
  /** The recipient's country (admins see the deliveries of their country). */
  country: string;
  locale: string;
  /** Email address or E.164 number; null for push (the user's subscriptions are read when sending). */
  address: string | null;
  subject: string;
  text: string;
  html: string | null;
  link: string | null;
  severity: Severity;
  state: DeliveryState;
  attempts: number;
  /** The driver that made the last attempt ('smtp', 'log', …). */
  driver: string | null;
  provider_answer: string | null;
  /** When the job may try next (quiet hours end, backoff); null once finished. */
  next_attempt_at: number | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

/** What a user switched off: one workflow on one channel, or a whole channel (`workflow` = '*'). */
export interface PreferenceTable {
  user_id: string;
  workflow: string;
  channel: DeliveryChannel;
  /** 0 or 1 (portable booleans). */
  enabled: number;
  updated_at: number;
}

/** A user's own quiet hours and time zone over their country's; null columns keep the default. */
export interface QuietHoursTable {
  user_id: string;
  quiet_start: string | null;
  quiet_end: string | null;
  /** IANA name. */
  time_zone: string | null;
  updated_at: number;
}

/** A browser's Web Push subscription (RFC 8030 endpoint and the RFC 8291 keys). */
export interface PushSubscriptionTable {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: number;
}

/** One notice waiting in a digest window; the job sends one message per user, workflow and window. */
export interface DigestItemTable {
  id: string;
  user_id: string;
  workflow: string;
  channel: DeliveryChannel;
  source_key: string;
  /** The item's line, rendered in the recipient's locale. */
  line: string;
  link: string | null;
  country: string;
  locale: string;
  address: string | null;
  /** The window's end: when the digest goes out. */
  due_at: number;
  created_at: number;
}

export interface NotificationTables {
  notice: NoticeTable;
  delivery: DeliveryTable;
  notification_preference: PreferenceTable;
  notification_quiet_hours: QuietHoursTable;
  push_subscription: PushSubscriptionTable;
  digest_item: DigestItemTable;
}

export type NotificationDb = NotificationTables & PlatformTables;
