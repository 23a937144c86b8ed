import {
  PlanStop,
  RiskSignal,
  VisitOutcomeSchema,
  VisitSnapshot,
  VisitTargetTypeSchema,
  VisitVerificationSchema,
} from '@fieldops/contracts';
import { CalendarDate, PageOf, pageQueryFields } from '@fieldops/platform';
import { Type } from 'typebox';

/** Request and response schemas of the visit and plan API: they validate, type handlers and write the OpenAPI doc. */

export const Id = Type.String({ format: 'uuid', description: 'UUID' });
export const IdParams = Type.Object({ id: Id });
const Iso = Type.String({ format: 'date-time' });
const LocalDate = CalendarDate;

export const Coords = Type.Union([Type.Literal('WGS84'), Type.Literal('GCJ02'), Type.Literal('BD09')], {
  description:
    "The coordinate system of every lat/lng in the request and the answer; by default the caller's country's (GCJ02 in China, WGS84 elsewhere). Storage is WGS84.",
});
export const CoordsQuery = Type.Object({ coords: Type.Optional(Coords) });

const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'Latitude, degrees' });
const Lng = Type.Number({ minimum: -180, maximum: 180, description: 'Longitude, degrees' });
const PhotoIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20, description: 'File ids of photos' });
const Answer = Type.Union([Type.Boolean(), Type.Number(), Type.String({ maxLength: 2000 })]);

export const Visit = Type.Object({
  ...VisitSnapshot.properties,
  riskSignals: Type.Array(RiskSignal, { description: 'The evidence behind riskScore: each signal with its weight and what was seen' }),
  coords: Coords,
  answers: Type.Record(Type.String(), Answer),
  checkOutReceivedAt: Type.Union([Iso, Type.Null()], {
    description: 'When the server received the check-out; checkedOutAt is the device time',
  }),
  reviewedBy: Type.Union([Type.String(), Type.Null()]),
  reviewReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Iso,
  updatedAt: Iso,
});
export const VisitPage = PageOf(Visit);
export const VisitList = Type.Object({
  ...VisitPage.properties,
  total: Type.Optional(Type.Integer({ minimum: 0, description: 'With withTotal=true: every visit the filters match in my scope' })),
});

export const CheckInBody = Type.Object(
  {
    id: Type.Optional(
      Type.String({
        format: 'uuid',
        // The nil UUID is no one's own id: two apps sending it would replay into each other's visit.
        pattern: '^(?!00000000-0000-0000-0000-000000000000$)',
        description: "The app's UUID for a visit made offline (not the nil UUID); replays with it are idempotent",
      }),
    ),
    targetType: VisitTargetTypeSchema,
    targetId: Type.String({ minLength: 1, maxLength: 64 }),
    lat: Lat,
    lng: Lng,
    accuracyM: Type.Number({ minimum: 0, maximum: 10_000, description: 'Reported GPS accuracy, metres' }),
    deviceTime: Type.String({ format: 'date-time', description: "The device's clock when the rep checked in" }),
    mockLocation: Type.Boolean({ description: 'The OS reported a mock location provider' }),
    offline: Type.Optional(
      Type.Boolean({
        description: 'True when the app queued this check-in offline and replays it now (the device time is then in the past)',
      }),
    ),
    photoIds: Type.Optional(PhotoIds),
  },
  { additionalProperties: false },
);

export const CheckOutBody = Type.Object(
  {
    deviceTime: Type.String({ format: 'date-time', description: "The device's clock when the rep checked out" }),
    outcome: VisitOutcomeSchema,
    notes: Type.String({ maxLength: 4000 }),
    followUpAt: Type.Optional(Iso),
    photoIds: Type.Optional(PhotoIds),
    answers: Type.Record(Type.String({ maxLength: 64 }), Answer, {
      description: "Answers to the visit template of the visit's country and target type, by question id",
    }),
  },
  { additionalProperties: false },
);

export const HeldCheckOut = Type.Object({
  visitId: Id,
  status: Type.Literal('held', { description: 'Kept until the check-in of this visit arrives, then applied' }),
});

export const ListQuery = Type.Object({
  ...pageQueryFields,
  repId: Type.Optional(Id),
  date: Type.Optional(LocalDate),
  targetType: Type.Optional(VisitTargetTypeSchema),
  targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  verification: Type.Optional(VisitVerificationSchema),
  state: Type.Optional(
    Type.Union([Type.Literal('open'), Type.Literal('closed')], {
      description: 'open: checked in and not yet out (a phone finds a visit it left open); closed: checked out',
    }),
  ),
  mine: Type.Optional(Type.Boolean({ description: "Only the caller's own visits, whatever their scope" })),
  withTotal: Type.Optional(Type.Boolean({ description: 'Also answer `total`: how many visits the filters match over every page' })),
  coords: Type.Optional(Coords),
});

export const ReviewQueueQuery = Type.Object({ ...pageQueryFields, coords: Type.Optional(Coords) });

export const ReviewBody = Type.Object(
  { decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]), reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export const PlanParams = Type.Object({ date: LocalDate });
export const PlanQuery = Type.Object({ repId: Type.Optional(Id), coords: Type.Optional(Coords) });

export const DayPlanBody = Type.Object(
  {
    stops: Type.Array(
      Type.Object(
        {
          targetType: VisitTargetTypeSchema,
          targetId: Type.String({ minLength: 1, maxLength: 64 }),
          appointmentAt: Type.Optional(Type.String({ format: 'date-time', description: 'The rep must be there by then' })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 60 },
    ),
    start: Type.Optional(Type.Object({ lat: Lat, lng: Lng }, { additionalProperties: false })),
    startAt: Type.Optional(Iso),
  },
  { additionalProperties: false },
);

export const DayPlan = Type.Object({
  id: Id,
  repId: Type.String(),
  orgUnitId: Type.Union([Type.String(), Type.Null()]),
  agencyId: Type.Union([Type.String(), Type.Null()]),
  country: Type.String(),
  date: LocalDate,
  stops: Type.Array(PlanStop),
  totalDistanceM: Type.Number({ description: 'Haversine metres along the route' }),
  travelSeconds: Type.Integer({ description: "Travel time at the country's planning speed" }),
  version: Type.Integer(),
  coords: Coords,
  updatedAt: Iso,
});

export const CampaignTasksQuery = Type.Object({ coords: Type.Optional(Coords) });

/** A campaign's visit task: sign the merchant up (on site, with a check-in as evidence). */
export const CampaignTasks = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Id,
      campaignId: Id,
      campaignName: Type.String(),
      merchantId: Id,
      merchantName: Type.String(),
      talkingPoints: Type.String(),
      lat: Type.Number(),
      lng: Type.Number(),
      dueAt: Type.String({ format: 'date-time' }),
    }),
  ),
});
