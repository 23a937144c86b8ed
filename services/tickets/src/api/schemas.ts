import { PendingOnSchema, SlaPolicySetSchema, SlaStatusSchema, TicketPrioritySchema, TicketStateSchema } from '@fieldops/contracts';
import { PageOf, pageQueryFields } from '@fieldops/platform';
import { Type } from 'typebox';

/** Request and response schemas of the tickets API: they validate, type handlers and write the OpenAPI doc. */

const Id = Type.String({ format: 'uuid', description: 'UUID' });
const Iso = Type.String({ format: 'date-time' });
const NullableIso = Type.Union([Iso, Type.Null()]);
const NullableId = Type.Union([Id, Type.Null()]);
const Title = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Description = Type.String({ maxLength: 4000 });
const Fields = Type.Record(Type.String(), Type.Unknown(), { description: 'The ticket type’s fields (GET /api/v1/tickets/types)' });

export const IdParams = Type.Object({ id: Id });

export const Ticket = Type.Object({
  id: Id,
  country: Type.String(),
  type: Type.String(),
  title: Type.String(),
  description: Type.String(),
  state: TicketStateSchema,
  allowedMoves: Type.Array(TicketStateSchema, { description: 'The states this ticket may move to now (POST …/transitions)' }),
  pendingOn: Type.Union([PendingOnSchema, Type.Null()], { description: 'What a pending ticket waits on' }),
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
  fields: Fields,
  createdBy: Type.String(),
  slaStatus: SlaStatusSchema,
  slaBreachAt: Type.Union([Iso, Type.Null()], {
    description: 'When the first open SLA clock breaches (or breached): what sort=breach orders by',
  }),
  slaNextDueAt: Type.Union([Iso, Type.Null()], { description: 'When the next warning, breach or escalation falls due' }),
  resolvedAt: NullableIso,
  closedAt: NullableIso,
  version: Type.Integer(),
  createdAt: Iso,
  updatedAt: Iso,
});

export const TicketPage = PageOf(Ticket);

export const ListTicketsQuery = Type.Object({
  state: Type.Optional(
    Type.Union([TicketStateSchema, Type.Literal('open')], { description: 'open: new, assigned, in_progress, pending or review' }),
  ),
  queue: Type.Optional(Type.String({ maxLength: 64 })),
  assigneeId: Type.Optional(Id),
  merchantId: Type.Optional(Id),
  sort: Type.Optional(
    Type.Union([Type.Literal('created'), Type.Literal('breach')], {
      description: 'created: newest first; breach: soonest SLA breach first',
    }),
  ),
  ...pageQueryFields,
});

export const CreateTicketBody = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 64, description: 'A ticket type of my country' }),
    merchantId: Type.Optional(Id),
    leadId: Type.Optional(Id),
    placeId: Type.Optional(Id),
    visitId: Type.Optional(Id),
    priority: Type.Optional(TicketPrioritySchema),
    title: Title,
    description: Type.Optional(Description),
    fields: Type.Optional(Fields),
  },
  { additionalProperties: false },
);

export const UpdateTicketBody = Type.Object(
  {
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    priority: Type.Optional(TicketPrioritySchema),
    fields: Type.Optional(Fields),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TransitionBody = Type.Object(
  {
    to: TicketStateSchema,
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
    pendingOn: Type.Optional(PendingOnSchema),
  },
  { additionalProperties: false },
);

export const CompleteOnSiteBody = Type.Object(
  {
    visitId: Type.String({ minLength: 1, maxLength: 64, description: 'My check-in at the ticket’s merchant' }),
    photoIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
      description: 'Photos of the work done (file ids)',
    }),
    signatureFileId: Type.String({ minLength: 1, maxLength: 64, description: 'The merchant contact’s signature, an image (file id)' }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const ReviewBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    reason: Type.Optional(Type.String({ maxLength: 1000, description: 'Required to reject' })),
  },
  { additionalProperties: false },
);

export const AssignBody = Type.Object({ assigneeId: Id }, { additionalProperties: false });

export const BulkAssignBody = Type.Object(
  { ticketIds: Type.Array(Id, { minItems: 1, maxItems: 1000 }), assigneeId: Id },
  { additionalProperties: false },
);

export const BulkAssignReport = Type.Object({
  assigned: Type.Integer(),
  skipped: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      ticketId: Type.String(),
      status: Type.Union([Type.Literal('assigned'), Type.Literal('skipped')]),
      reasons: Type.Array(Type.String()),
    }),
  ),
});

export const CommentBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' }),
    visibility: Type.Optional(
      Type.Union([Type.Literal('internal'), Type.Literal('public')], { description: 'public: the merchant or partner sees it too' }),
    ),
    from: Type.Optional(
      Type.Union([Type.Literal('staff'), Type.Literal('customer')], {
        description: 'customer: a reply of the merchant or partner, logged by me (always public); it restarts the next-response clock',
      }),
    ),
  },
  { additionalProperties: false },
);

export const Comment = Type.Object({
  id: Id,
  ticketId: Id,
  authorId: Type.String(),
  body: Type.String(),
  visibility: Type.Union([Type.Literal('internal'), Type.Literal('public')]),
  at: Iso,
});

export const TicketTimeline = Type.Object({
  history: Type.Array(
    Type.Object({
      kind: Type.String({
        description: 'opened, transitioned, reopened, completed-on-site, reviewed, assigned, commented, updated, priority-changed',
      }),
      from: Type.Union([TicketStateSchema, Type.Null()]),
      to: Type.Union([TicketStateSchema, Type.Null()]),
      actor: Type.String(),
      reason: Type.Union([Type.String(), Type.Null()]),
      detail: Type.Record(Type.String(), Type.Unknown()),
      at: Iso,
    }),
  ),
  comments: Type.Array(Type.Omit(Comment, ['ticketId'])),
});

const SlaInterval = Type.Object({
  from: Iso,
  to: Iso,
  kind: Type.Union([Type.Literal('counted'), Type.Literal('paused'), Type.Literal('non-working')]),
});

const SlaMilestone = Type.Object({
  kind: Type.Union([Type.Literal('warn'), Type.Literal('breach'), Type.Literal('escalate')]),
  level: Type.Integer(),
  key: Type.String(),
  atElapsedMinutes: Type.Number(),
  at: NullableIso,
  reached: Type.Boolean(),
});

export const TicketSla = Type.Object({
  ticketId: Id,
  country: Type.String(),
  timezone: Type.String({ description: 'The zone of the working calendar the clocks run on' }),
  computedAt: Iso,
  clocks: Type.Array(
    Type.Object({
      clock: Type.Union([Type.Literal('firstResponse'), Type.Literal('nextResponse'), Type.Literal('resolution')]),
      key: Type.String(),
      status: Type.Union([
        Type.Literal('idle'),
        Type.Literal('running'),
        Type.Literal('paused'),
        Type.Literal('met'),
        Type.Literal('breached'),
        Type.Literal('canceled'),
      ]),
      open: Type.Boolean(),
      targetMinutes: Type.Number({ description: 'Working minutes' }),
      elapsedMinutes: Type.Number(),
      remainingMinutes: Type.Number(),
      dueAt: NullableIso,
      warnAt: NullableIso,
      breachedAt: NullableIso,
      startedAt: NullableIso,
      stoppedAt: NullableIso,
      milestones: Type.Array(SlaMilestone),
      intervals: Type.Array(SlaInterval, { description: 'Counted, paused and non-working stretches, oldest first' }),
    }),
  ),
});

export const TicketTypes = Type.Object({
  country: Type.String(),
  reopenWindowDays: Type.Integer(),
  items: Type.Array(
    Type.Object({
      type: Type.String(),
      label: Type.String(),
      labels: Type.Record(Type.String(), Type.String(), { description: 'The label by locale: en and the country’s own languages' }),
      defaultPriority: TicketPrioritySchema,
      queue: Type.String(),
      assignment: Type.Union([Type.Literal('covering-rep'), Type.Literal('least-loaded'), Type.Literal('queue')]),
      fields: Type.Record(Type.String(), Type.Unknown(), { description: 'JSON Schema of the type’s fields' }),
    }),
  ),
});

export const TypeParams = Type.Object({ type: Type.String({ minLength: 1, maxLength: 64 }) });

export const SlaPolicyRow = Type.Object({
  ticketType: Type.String({ description: 'default: the types without their own policies' }),
  label: Type.String(),
  source: Type.Union([Type.Literal('country'), Type.Literal('built-in')]),
  from: Type.String({ description: 'The row the figures come from: the type itself or default' }),
  version: Type.Integer({ description: 'Send as If-Match to change it; 0: never changed in this country' }),
  policies: SlaPolicySetSchema,
});

export const SlaPolicyList = Type.Object({ country: Type.String(), items: Type.Array(SlaPolicyRow) });
