import { type Static, Type } from 'typebox';

/**
 * Data schemas of the events published by the tickets service, keyed by CloudEvents type. Closed objects: adding a
 * field is a contract change made here; a breaking change is a new `.v<N+1>` type. The subject is the ticket id.
 *
 * The SLA events name who is to be told (`notify`: user ids), resolved by the tickets service when the action
 * fires, so the notification service needs no rule of its own about who leads which team.
 */

const closed = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1 });
const NullableId = Type.Union([Id, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const NullableInstant = Type.Union([Instant, Type.Null()]);
const Version = Type.Integer({ minimum: 0 });

/** `review`: completed on site with a visit its anti-fraud signals flagged; a reviewer approves or rejects it. */
export const TICKET_STATES = ['new', 'assigned', 'in_progress', 'pending', 'review', 'resolved', 'closed', 'canceled'] as const;
export type TicketState = (typeof TICKET_STATES)[number];
export const TicketStateSchema = Type.Enum(TICKET_STATES);
/** Open: the SLA clocks may still run and the ticket counts against its assignee and its merchant. */
export const OPEN_TICKET_STATES: readonly TicketState[] = ['new', 'assigned', 'in_progress', 'pending', 'review'];

/** What a pending ticket waits on; its SLA clocks pause meanwhile. */
export const PENDING_ON = ['merchant', 'third_party'] as const;
export type PendingOn = (typeof PENDING_ON)[number];
export const PendingOnSchema = Type.Enum(PENDING_ON);

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TicketPrioritySchema = Type.Enum(TICKET_PRIORITIES);

/** One word for a ticket's SLA: the worst open clock decides (at-risk: past its warning). */
export const SLA_STATUSES = ['breached', 'at-risk', 'on-track', 'paused', 'met', 'none'] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];
export const SlaStatusSchema = Type.Enum(SLA_STATUSES);

export const TicketSnapshot = Type.Object(
  {
    id: Id,
    country: Type.String(),
    type: Type.String(),
    title: Type.String(),
    state: TicketStateSchema,
    pendingOn: Type.Union([PendingOnSchema, Type.Null()]),
    priority: TicketPrioritySchema,
    queue: Type.String(),
    assigneeId: NullableId,
    orgUnitId: NullableId,
    agencyId: NullableId,
    areaId: NullableId,
    merchantId: NullableId,
    leadId: NullableId,
    placeId: NullableId,
    visitId: NullableId,
    /** Where the work is (the merchant's, lead's or place's point), WGS-84; null when the ticket names none. */
    lat: Type.Union([Type.Number(), Type.Null()]),
    lng: Type.Union([Type.Number(), Type.Null()]),
    createdBy: Id,
    slaStatus: SlaStatusSchema,
    /** When the first open SLA clock breaches (or breached): what "breaches first" sorts by. */
    slaBreachAt: NullableInstant,
    version: Version,
  },
  closed,
);
export type TicketSnapshot = Static<typeof TicketSnapshot>;

export const TicketTransitioned = Type.Object(
  {
    ticketId: Id,
    by: Id,
    from: TicketStateSchema,
    to: TicketStateSchema,
    pendingOn: Type.Union([PendingOnSchema, Type.Null()]),
    reason: Type.Union([Type.String(), Type.Null()]),
    /** A move back from resolved or closed. */
    reopened: Type.Boolean(),
    version: Version,
  },
  closed,
);
export type TicketTransitioned = Static<typeof TicketTransitioned>;

export const TicketAssigned = Type.Object(
  {
    ticketId: Id,
    /** The user who assigned it; `service:tickets` for an assignment by rule. */
    by: Id,
    previousAssigneeId: NullableId,
    assigneeId: Id,
    queue: Type.String(),
    title: Type.String(),
    version: Version,
  },
  closed,
);
export type TicketAssigned = Static<typeof TicketAssigned>;

export const TicketCommented = Type.Object(
  {
    ticketId: Id,
    commentId: Id,
    by: Id,
    visibility: Type.Union([Type.Literal('internal'), Type.Literal('public')]),
    body: Type.String(),
    /** The assignee and watchers, besides the author. */
    notify: Type.Array(Id),
  },
  closed,
);
export type TicketCommented = Static<typeof TicketCommented>;

export const SLA_CLOCK_NAMES = ['firstResponse', 'nextResponse', 'resolution'] as const;
const SlaClockSchema = Type.Enum(SLA_CLOCK_NAMES);

/** A warning, breach or escalation of one clock; `key` is unique per ticket (each fires once). */
const slaAction = {
  ticketId: Id,
  key: Type.String({ minLength: 1 }),
  clock: SlaClockSchema,
  title: Type.String(),
  priority: TicketPrioritySchema,
  assigneeId: NullableId,
  /** When the clock breaches (or breached). */
  dueAt: NullableInstant,
  /** When the action fell due on the country's working calendar. */
  firedAt: Instant,
  /** Who is to be told: user ids. */
  notify: Type.Array(Id),
};

export const TicketSlaWarned = Type.Object(slaAction, closed);
export type TicketSlaWarned = Static<typeof TicketSlaWarned>;

export const TicketSlaBreached = Type.Object(slaAction, closed);
export type TicketSlaBreached = Static<typeof TicketSlaBreached>;

export const TicketEscalated = Type.Object(
  {
    ...slaAction,
    /** 1: the team lead, 2: the city manager. */
    level: Type.Integer({ minimum: 1 }),
    audience: Type.Union([Type.Literal('team-lead'), Type.Literal('city-manager')]),
  },
  closed,
);
export type TicketEscalated = Static<typeof TicketEscalated>;

const WorkingMinutes = Type.Integer({ minimum: 0 });

/** One priority's SLA policy; every figure in working minutes of the country's calendar. */
export const SlaPolicySchema = Type.Object(
  {
    targets: Type.Object({ firstResponse: WorkingMinutes, nextResponse: WorkingMinutes, resolution: WorkingMinutes }, closed),
    warnBeforeMinutes: WorkingMinutes,
    escalations: Type.Array(
      Type.Object(
        {
          level: Type.Integer({ minimum: 1 }),
          afterBreachMinutes: WorkingMinutes,
          notify: Type.Union([Type.Literal('team-lead'), Type.Literal('city-manager')]),
        },
        closed,
      ),
      { maxItems: 5 },
    ),
  },
  closed,
);

/** The policies of one ticket type in one country, by priority. */
export const SlaPolicySetSchema = Type.Object(
  { low: SlaPolicySchema, normal: SlaPolicySchema, high: SlaPolicySchema, urgent: SlaPolicySchema },
  closed,
);
export type SlaPolicySetData = Static<typeof SlaPolicySetSchema>;

/** A country's SLA policy of one ticket type (or `default`) changed; its open tickets are recomputed. Subject: `CC:type`. */
export const SlaPolicyChanged = Type.Object(
  {
    country: Type.String({ minLength: 2, maxLength: 2 }),
    ticketType: Type.String({ minLength: 1 }),
    version: Version,
    by: Id,
    /** The policies in force before: the country's stored ones, else the built-in defaults. */
    before: SlaPolicySetSchema,
    after: SlaPolicySetSchema,
  },
  closed,
);
export type SlaPolicyChanged = Static<typeof SlaPolicyChanged>;

/** Event type → data schema, for every event the tickets service publishes. */
export const ticketsEvents = {
  'tickets.ticket.opened.v1': TicketSnapshot,
  'tickets.ticket.updated.v1': TicketSnapshot,
  'tickets.ticket.transitioned.v1': TicketTransitioned,
  'tickets.ticket.assigned.v1': TicketAssigned,
  'tickets.ticket.commented.v1': TicketCommented,
  'tickets.ticket.sla-warned.v1': TicketSlaWarned,
  'tickets.ticket.sla-breached.v1': TicketSlaBreached,
  'tickets.ticket.escalated.v1': TicketEscalated,
  'tickets.sla-policy.changed.v1': SlaPolicyChanged,
} as const;

export type TicketsEventType = keyof typeof ticketsEvents;

/** The `data` of a tickets event, e.g. `TicketsEventData<'tickets.ticket.opened.v1'>`. */
export type TicketsEventData<T extends keyof typeof ticketsEvents> = Static<(typeof ticketsEvents)[T]>;
