import type { ServiceContext, SetupContext } from '@fieldops/platform';
import { Counter } from 'prom-client';
import type { ChannelDriver, DeliveryChannel } from './channels/channel';
import { logDriver } from './channels/log.driver';
import { smsDriverFor } from './channels/sms-router';
import { smtpDriver } from './channels/smtp.driver';
import { createWebPushDriver } from './channels/web-push.driver';
import type { NotificationDb } from './db/schema';
import { pushServiceHosts } from './domain/push-endpoint';
import { LiveFeed } from './live/live-feed';

export interface NotificationDeps {
  /** The provider of each channel; a channel without one is not sent (its deliveries are suppressed). */
  drivers: Partial<Record<DeliveryChannel, ChannelDriver>>;
  /** Announces new notices and hands them to the users connected to this replica's stream. */
  live: LiveFeed;
  /** Where links in emails point (the web app's origin), when set. */
  appUrl: string | undefined;
  /** The push services a subscription's endpoint may be at. */
  pushHosts: string[];
  /** Deliveries finished or retried, by channel, outcome (the delivery's new state) and country. */
  deliveries: Counter<'channel' | 'outcome' | 'country'>;
}

export type NotificationContext = ServiceContext<NotificationDb, NotificationDeps>;

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * Picks each channel's driver from the settings, one line per channel; email and SMS fall back to the log, which is
 * said at start. Push has no fallback: without VAPID keys its deliveries are suppressed (the log says so). SMS goes
 * through the provider each country's policy names, when that provider is configured.
 */
export function chooseDrivers(ctx: SetupContext<NotificationDb>): Partial<Record<DeliveryChannel, ChannelDriver>> {
  const { env } = ctx.config;
  return {
    email: env.SMTP_URL
      ? smtpDriver({ url: env.SMTP_URL, from: env.SMTP_FROM ?? 'FieldOps <no-reply@fieldops.local>' })
      : logDriver('email', ctx.log),
    push: createWebPushDriver(env),
    sms: smsDriverFor(env, (country) => ctx.countries.get(country).notifications.smsProvider) ?? logDriver('sms', ctx.log),
  };
}

const DELIVERIES_METRIC = 'fieldops_notification_deliveries_total';

function deliveriesCounter(ctx: SetupContext<NotificationDb>): Counter<'channel' | 'outcome' | 'country'> {
  const existing = ctx.metrics.registry.getSingleMetric(DELIVERIES_METRIC);
  if (existing) return existing as Counter<'channel' | 'outcome' | 'country'>;
  return new Counter({
    name: DELIVERIES_METRIC,
    help: 'Notification delivery attempts by channel and outcome (sent, retrying, failed, dead-lettered, suppressed)',
    labelNames: ['channel', 'outcome', 'country'],
    registers: [ctx.metrics.registry],
  });
}

export function setupNotification(ctx: SetupContext<NotificationDb>): NotificationDeps {
  const drivers = chooseDrivers(ctx);
  const described = (['email', 'push', 'sms'] as const).map((channel) => `${channel}: ${drivers[channel]?.name ?? 'off'}`);
  ctx.log.info({ drivers: described }, `notification channels — ${described.join(', ')} (in-app always)`);
  // Said at info, not warn: the embedded demo runs so on purpose, and a command printing JSON keeps stdout clean.
  if (drivers.email?.name === 'log') ctx.log.info('SMTP_URL is not set: emails are written to the log, not sent');
  if (!drivers.push) ctx.log.info('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are not set: no Web Push is sent');
  // Pub/sub carries notices at once; the look at the table only makes up for a lost message, so seconds will do.
  const live = new LiveFeed(ctx.db, ctx.pubsub, positive(ctx.config.env.NOTIFICATION_LIVE_POLL_MS, 5_000), ctx.log);
  return {
    drivers,
    live,
    appUrl: ctx.config.env.NOTIFICATION_APP_URL,
    pushHosts: pushServiceHosts(ctx.config.env.PUSH_SERVICE_HOSTS),
    deliveries: deliveriesCounter(ctx),
  };
}
