import { accessFor, callerOf, type ServiceApp } from '@fieldops/platform';
import { listDeliveries, resend, toDeliveryView } from '../app/delivery-log';
import { archive, listInbox, markAllRead, markRead } from '../app/inbox';
import { preferencesOf, savePreferences } from '../app/preferences';
import { subscribe, toSubscriptionView, unsubscribe } from '../app/push-subscriptions';
import type { NotificationContext } from '../config';
import { NotificationPermission } from '../domain/permissions';
import {
  Delivery,
  DeliveryPage,
  DeliveryQuery,
  IdParams,
  InboxPage,
  InboxQuery,
  Notification,
  Preferences,
  PreferencesBody,
  PushSubscription,
  PushSubscriptionBody,
  ReadAllAnswer,
} from './schemas';

/** The caller's inbox, preferences and push subscriptions (every signed-in user has them), and the admins' delivery log. */
export function notificationRoutes(app: ServiceApp, ctx: NotificationContext): void {
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        summary: 'My notifications, newest first, with my unread count',
        querystring: InboxQuery,
        response: { 200: InboxPage },
      },
    },
    async (request) => listInbox(ctx, callerOf(request).userId, request.query),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        operationId: 'markNotificationRead',
        summary: 'Mark one of my notifications read',
        params: IdParams,
        response: { 200: Notification },
      },
    },
    async (request) => markRead(ctx, callerOf(request).userId, request.params.id),
  );

  app.post(
    '/api/v1/notifications/read-all',
    { schema: { operationId: 'markAllNotificationsRead', summary: 'Mark all my notifications read', response: { 200: ReadAllAnswer } } },
    async (request) => markAllRead(ctx, callerOf(request).userId),
  );

  app.post(
    '/api/v1/notifications/:id/archive',
    { schema: { operationId: 'archiveNotification', summary: 'Archive one of my notifications (it leaves the inbox)', params: IdParams } },
    async (request, reply) => {
      await archive(ctx, callerOf(request).userId, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/me/notification-preferences',
    {
      schema: {
        operationId: 'getNotificationPreferences',
        summary: 'What I receive, per channel and per kind of notice',
        response: { 200: Preferences },
      },
    },
    async (request) => preferencesOf(ctx, callerOf(request)),
  );

  app.put(
    '/api/v1/me/notification-preferences',
    {
      schema: {
        operationId: 'setNotificationPreferences',
        summary: 'Switch channels, or kinds of notice on a channel, on or off (critical notices are always sent)',
        body: PreferencesBody,
        response: { 200: Preferences },
      },
    },
    async (request) => savePreferences(ctx, callerOf(request), request.body),
  );

  app.post(
    '/api/v1/push-subscriptions',
    {
      schema: {
        operationId: 'createPushSubscription',
        summary: "Store this browser's Web Push subscription for me",
        body: PushSubscriptionBody,
        response: { 201: PushSubscription },
      },
    },
    async (request, reply) => {
      const row = await subscribe(ctx, callerOf(request).userId, request.body);
      return reply.code(201).header('location', `/api/v1/push-subscriptions/${row.id}`).send(toSubscriptionView(row));
    },
  );

  app.delete(
    '/api/v1/push-subscriptions/:id',
    { schema: { operationId: 'deletePushSubscription', summary: 'Remove one of my push subscriptions', params: IdParams } },
    async (request, reply) => {
      await unsubscribe(ctx, callerOf(request).userId, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/notifications/deliveries',
    {
      schema: {
        operationId: 'listNotificationDeliveries',
        summary: 'The delivery log of my scope (admins)',
        querystring: DeliveryQuery,
        response: { 200: DeliveryPage },
      },
    },
    async (request) => {
      const access = await accessFor(request, NotificationPermission.deliveries, ctx.scopes);
      return listDeliveries(ctx, access, request.query);
    },
  );

  app.post(
    '/api/v1/notifications/deliveries/:id/resend',
    {
      schema: {
        operationId: 'resendNotificationDelivery',
        summary: 'Queue a delivery again now (admins)',
        params: IdParams,
        response: { 200: Delivery },
      },
    },
    async (request) => {
      const access = await accessFor(request, NotificationPermission.deliveries, ctx.scopes);
      return toDeliveryView(await resend(ctx, access, request.params.id));
    },
  );
}
