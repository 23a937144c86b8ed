import { defineService, type ServiceDefinition } from '@fieldops/platform';
import { notificationRoutes } from './api/notifications.routes';
import { pushKeyRoutes } from './api/push-key.routes';
import { streamRoutes } from './api/stream.routes';
import { type NotificationDeps, setupNotification } from './config';
import { notificationSchema } from './db/migrations/001-notification';
import { quietHoursSchema } from './db/migrations/002-quiet-hours';
import type { NotificationDb } from './db/schema';
import { notifyConsumer } from './events/notify.consumer';
import { deliveryJobs } from './jobs/delivery.jobs';
import { WORKFLOWS } from './workflows';

export interface NotificationServiceOptions {
  /** How often due deliveries and ended digest windows are looked for; a second by default. */
  deliveryCheckMs?: number;
}

export function createNotificationService(options: NotificationServiceOptions = {}): ServiceDefinition {
  return defineService<NotificationDb, NotificationDeps>({
    name: 'notification',
    migrations: [notificationSchema, quietHoursSchema],
    setup: setupNotification,
    http: {
      prefixes: ['/api/v1/notifications', '/api/v1/me/notification-preferences', '/api/v1/push-subscriptions'],
      description: 'Notifications: the in-app inbox (live over Server-Sent Events), email, push and SMS, preferences and the delivery log',
      routes(app, ctx) {
        streamRoutes(app, ctx);
        notificationRoutes(app, ctx);
        pushKeyRoutes(app, ctx);
      },
    },
    consumes: [notifyConsumer(WORKFLOWS)],
    jobs: deliveryJobs(options.deliveryCheckMs ?? 1_000),
  });
}

/** Notifications: tells people what happened to their records, in the app, by email, push and SMS. */
export const notificationService: ServiceDefinition = createNotificationService();

export type { ChannelDriver, DeliveryChannel, DeliveryOutcome, OutgoingMessage } from './channels/channel';
export type { NotificationDb } from './db/schema';
