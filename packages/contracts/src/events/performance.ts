import { type Static, Type } from 'typebox';

/**
 * Data schemas of the events published by the performance service, keyed by CloudEvents type. Closed objects: adding
 * a field is a contract change made here; a breaking change is a new `.v<N+1>` type. Money is integer minor units of
 * `currency`.
 */

const closed = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1 });
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' });
const Minor = Type.Integer();

/** A rep's statement for a closed pay period, frozen: the subject is the statement. */
export const StatementClosed = Type.Object(
  {
    statementId: Id,
    userId: Id,
    country: Type.String(),
    /** The pay period, e.g. `SG-2026-11`. */
    periodId: Id,
    month: Month,
    currency: Type.String(),
    earnedMinor: Minor,
    adjustmentsMinor: Minor,
    totalMinor: Minor,
  },
  closed,
);
export type StatementClosed = Static<typeof StatementClosed>;

/** A pay period closed: its statements are frozen. The subject is the period. */
export const PayPeriodClosed = Type.Object(
  { periodId: Id, country: Type.String(), month: Month, statements: Type.Integer({ minimum: 0 }), closedBy: Id },
  closed,
);
export type PayPeriodClosed = Static<typeof PayPeriodClosed>;

/** A rep's figure reached their target for a period for the first time (100%). The subject is the target. */
export const TargetReached = Type.Object(
  {
    targetId: Id,
    userId: Id,
    metric: Type.String(),
    /** The period key: `2026-12`, `2026-W49`, `2026-Q4` or a day. */
    period: Type.String(),
    value: Type.Integer(),
    target: Type.Integer(),
  },
  closed,
);
export type TargetReached = Static<typeof TargetReached>;

/**
 * A rep's attainment so far in the periods of their targets holding the day, told once a day (evening in their
 * country). The subject is the rep and the day, so a run repeated the same day tells nothing new.
 */
export const AttainmentDaily = Type.Object(
  {
    userId: Id,
    /** The rep's local calendar day the figures run to. */
    date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    attainment: Type.Array(
      Type.Object(
        {
          metric: Type.String(),
          /** The period key: `2026-12`, `2026-W49`, `2026-Q4`. */
          period: Type.String(),
          value: Type.Integer(),
          target: Type.Integer({ minimum: 1 }),
        },
        closed,
      ),
      { minItems: 1 },
    ),
  },
  closed,
);
export type AttainmentDaily = Static<typeof AttainmentDaily>;

/**
 * A country's pay period is about to end (or has ended) and is not closed yet: told once per period, so whoever closes
 * periods there can get ready. The subject is the period.
 */
export const PeriodClosing = Type.Object(
  {
    /** The pay period, e.g. `SG-2026-11`. */
    periodId: Id,
    country: Type.String(),
    month: Month,
    /** When the period ends: midnight at the start of the next month in the country's timezone (ISO 8601, UTC). */
    endsAt: Type.String({ format: 'date-time' }),
    /** Local calendar days from the day told until the end (today counts); 0 once the period has ended. */
    daysLeft: Type.Integer({ minimum: 0 }),
    /** The country's top org units (those with no parent), whose managers close its periods. */
    orgUnitIds: Type.Array(Id),
  },
  closed,
);
export type PeriodClosing = Static<typeof PeriodClosing>;

/** Event type → data schema, for every event the performance service publishes. */
export const performanceEvents = {
  'performance.statement.closed.v1': StatementClosed,
  'performance.pay-period.closed.v1': PayPeriodClosed,
  'performance.target.reached.v1': TargetReached,
  'performance.attainment.daily.v1': AttainmentDaily,
  'performance.period.closing.v1': PeriodClosing,
} as const;

export type PerformanceEventType = keyof typeof performanceEvents;

/** The `data` of a performance event. */
export type PerformanceEventData<T extends PerformanceEventType> = Static<(typeof performanceEvents)[T]>;
