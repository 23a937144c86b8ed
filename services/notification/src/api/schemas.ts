import { pageQueryFields } from '@fieldops/platform';
import { Type } from 'typebox';

const Instant = Type.String({ format: 'date-time' });
const Channel = Type.Union([Type.Literal('email'), Type.Literal('push'), Type.Literal('sms')]);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const Notification = Type.Object({
  id: Type.String(),
  workflow: Type.String(),
  title: Type.String(),
  body: Type.String(),
  createdAt: Instant,
  readAt: Type.Union([Instant, Type.Null()]),
  link: Type.Union([Type.String(), Type.Null()]),
  severity: Type.Union([Type.Literal('normal'), Type.Literal('critical')]),
});

export const InboxQuery = Type.Object({
  ...pageQueryFields,
  unread: Type.Optional(Type.Boolean({ description: 'Only notices not read yet' })),
});

export const InboxPage = Type.Object({
  items: Type.Array(Notification),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  unreadCount: Type.Integer({ minimum: 0 }),
});

export const ReadAllAnswer = Type.Object({ updated: Type.Integer({ minimum: 0 }), unreadCount: Type.Integer({ minimum: 0 }) });

const ChannelSwitches = Type.Object({ email: Type.Boolean(), push: Type.Boolean(), sms: Type.Boolean() });
const ChannelSwitchesIn = Type.Partial(ChannelSwitches, { additionalProperties: false });

export const Preferences = Type.Object({
  /** Global per-channel switches. */
  channels: ChannelSwitches,
  workflows: Type.Array(
    Type.Object({
      workflow: Type.String(),
      critical: Type.Boolean({ description: 'Critical notices are sent whatever the preferences say' }),
      channels: ChannelSwitches,
    }),
  ),
  quietHours: Type.Object(
    { start: Type.String(), end: Type.String(), timezone: Type.String() },
    { description: "The window in force: the user's own where set, else the country's" },
  ),
  quietHoursOverride: Type.Object({
    quietHours: Type.Union([Type.Object({ start: Type.String(), end: Type.String() }), Type.Null()], {
      description: "The user's own window; null keeps the country's",
    }),
    timeZone: Type.Union([Type.String(), Type.Null()], { description: "The user's own IANA time zone; null keeps the country's" }),
  }),
  countryQuietHours: Type.Object({ start: Type.String(), end: Type.String(), timezone: Type.String() }),
  timeZones: Type.Array(Type.String(), { description: 'The time zones of the countries served' }),
});

/** Checked by the service, so a bad time or zone is a 422 naming its field. */
const ClockTime = Type.String({ maxLength: 16, description: "Local wall-clock 'HH:MM'" });

export const PreferencesBody = Type.Object(
  {
    channels: Type.Optional(ChannelSwitchesIn),
    workflows: Type.Optional(
      Type.Array(
        Type.Object(
          { workflow: Type.String({ minLength: 1, maxLength: 64 }), channels: ChannelSwitchesIn },
          { additionalProperties: false },
        ),
        {
          maxItems: 100,
        },
      ),
    ),
    quietHours: Type.Optional(
      Type.Union([Type.Object({ start: ClockTime, end: ClockTime }, { additionalProperties: false }), Type.Null()], {
        description: "The user's own quiet hours; null goes back to the country's",
      }),
    ),
    timeZone: Type.Optional(
      Type.Union([Type.String({ maxLength: 64 }), Type.Null()], {
        description: "IANA time zone of the quiet hours; null goes back to the country's",
      }),
    ),
  },
  { additionalProperties: false },
);

export const PushSubscriptionBody = Type.Object(
  {
    endpoint: Type.String({ format: 'uri', maxLength: 1000, pattern: '^https?://' }),
    keys: Type.Object({ p256dh: Type.String({ minLength: 1, maxLength: 255 }), auth: Type.String({ minLength: 1, maxLength: 255 }) }),
  },
  { additionalProperties: true },
);

export const PushSubscription = Type.Object({ id: Type.String(), endpoint: Type.String(), createdAt: Instant });

export const DeliveryQuery = Type.Object({
  ...pageQueryFields,
  state: Type.Optional(
    Type.Union([
      Type.Literal('queued'),
      Type.Literal('retrying'),
      Type.Literal('sent'),
      Type.Literal('failed'),
      Type.Literal('dead-lettered'),
      Type.Literal('suppressed'),
    ]),
  ),
  userId: Type.Optional(Type.String({ maxLength: 64 })),
});

export const Delivery = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  workflow: Type.String(),
  channel: Channel,
  country: Type.String(),
  subject: Type.String(),
  state: Type.String(),
  attempts: Type.Integer({ minimum: 0 }),
  driver: Type.Union([Type.String(), Type.Null()]),
  providerAnswer: Type.Union([Type.String(), Type.Null()]),
  nextAttemptAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
  sentAt: Type.Union([Instant, Type.Null()]),
});

export const DeliveryPage = Type.Object({ items: Type.Array(Delivery), nextCursor: Type.Union([Type.String(), Type.Null()]) });
