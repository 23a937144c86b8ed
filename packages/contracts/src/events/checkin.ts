import { type Static, Type } from 'typebox';

/**
 * Data schemas of the events published by the checkin (field visit) service, keyed by CloudEvents type. Closed
 * objects: adding a field is a contract change made here; a breaking change is a new `.v<N+1>` type. The subject is
 * the visit id. Every event carries the whole visit as it is after the change, so a read model needs no other call.
 * Coordinates are WGS-84.
 */

const closed = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1 });
const NullableId = Type.Union([Id, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const NullableInstant = Type.Union([Instant, Type.Null()]);

/** What a visit is at: a merchant, a lead's store, or a place (POI) not yet either. */
export const VISIT_TARGET_TYPES = ['merchant', 'lead', 'place'] as const;
export type VisitTargetType = (typeof VISIT_TARGET_TYPES)[number];
export const VisitTargetTypeSchema = Type.Enum(VISIT_TARGET_TYPES);

/**
 * Whether a visit counts: `verified` (low risk, counts), `pending-review` (risk above the country's threshold, in the
 * supervisor queue), `approved` (reviewed, counts), `rejected` (reviewed, does not count), `open` (checked in, not out).
 */
export const VISIT_VERIFICATIONS = ['open', 'verified', 'pending-review', 'approved', 'rejected'] as const;
export type VisitVerification = (typeof VISIT_VERIFICATIONS)[number];
export const VisitVerificationSchema = Type.Enum(VISIT_VERIFICATIONS);

export const VISIT_OUTCOMES = ['met-owner', 'met-staff', 'closed', 'not-interested', 'interested', 'signed', 'other'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export const VisitOutcomeSchema = Type.Enum(VISIT_OUTCOMES);

/** One explainable fraud signal: a stable code, its weight in the score, and what was seen. */
export const RiskSignal = Type.Object(
  { code: Type.String({ minLength: 1 }), weight: Type.Number({ minimum: 0 }), detail: Type.String() },
  closed,
);
export type RiskSignal = Static<typeof RiskSignal>;

export const VisitSnapshot = Type.Object(
  {
    id: Id,
    repId: Id,
    orgUnitId: NullableId,
    agencyId: NullableId,
    country: Type.String(),
    targetType: VisitTargetTypeSchema,
    targetId: Id,
    targetName: Type.String(),
    /** The target's area, when known. */
    areaId: NullableId,
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    accuracyM: Type.Number({ minimum: 0 }),
    /** Metres from the check-in point to the target. */
    distanceM: Type.Number({ minimum: 0 }),
    /** Device time of the check-in, and when the server received it. */
    checkedInAt: Instant,
    receivedAt: Instant,
    checkedOutAt: NullableInstant,
    dwellSeconds: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    outcome: Type.Union([VisitOutcomeSchema, Type.Null()]),
    notes: Type.String(),
    /** A follow-up date recorded at check-out (extends a lead's protection). */
    followUpAt: NullableInstant,
    photoIds: Type.Array(Type.String()),
    riskScore: Type.Number({ minimum: 0 }),
    riskSignals: Type.Array(RiskSignal),
    verification: VisitVerificationSchema,
    version: Type.Integer({ minimum: 0 }),
  },
  closed,
);
export type VisitSnapshot = Static<typeof VisitSnapshot>;

export const VisitReviewed = Type.Object(
  {
    visit: VisitSnapshot,
    reviewerId: Id,
    decision: Type.Enum(['approve', 'reject'] as const),
    reason: Type.String(),
  },
  closed,
);
export type VisitReviewed = Static<typeof VisitReviewed>;

/** One stop of a day plan, in visiting order, with when the route reaches it. */
export const PlanStop = Type.Object(
  {
    targetType: VisitTargetTypeSchema,
    targetId: Id,
    targetName: Type.String(),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    appointmentAt: NullableInstant,
    arriveAt: Instant,
    /** True when the route cannot reach the stop by its appointment. */
    late: Type.Boolean(),
  },
  closed,
);
export type PlanStop = Static<typeof PlanStop>;

/** A rep's plan for one day, as optimised: the stops in visiting order, total distance and travel time. */
export const DayPlanSnapshot = Type.Object(
  {
    id: Id,
    repId: Id,
    orgUnitId: NullableId,
    agencyId: NullableId,
    country: Type.String(),
    /** YYYY-MM-DD in the country's timezone. */
    date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    stops: Type.Array(PlanStop),
    totalDistanceM: Type.Number({ minimum: 0 }),
    travelSeconds: Type.Integer({ minimum: 0 }),
    version: Type.Integer({ minimum: 0 }),
  },
  closed,
);
export type DayPlanSnapshot = Static<typeof DayPlanSnapshot>;

/** Event type → data schema, for every event the checkin service publishes. */
export const checkinEvents = {
  'checkin.visit.checked-in.v1': VisitSnapshot,
  'checkin.visit.checked-out.v1': VisitSnapshot,
  /** The visit's risk score passed the country's threshold; it waits in the review queue. */
  'checkin.visit.flagged.v1': VisitSnapshot,
  'checkin.visit.reviewed.v1': VisitReviewed,
  /** A day plan was set or changed (the subject is the plan id). */
  'checkin.plan.updated.v1': DayPlanSnapshot,
} as const;

export type CheckinEventType = keyof typeof checkinEvents;

/** The `data` of a checkin event, e.g. `CheckinEventData<'checkin.visit.checked-in.v1'>`. */
export type CheckinEventData<T extends keyof typeof checkinEvents> = Static<(typeof checkinEvents)[T]>;
