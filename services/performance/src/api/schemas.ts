import { PageOf, pageQueryFields } from '@fieldops/platform';
import { Type } from 'typebox';
import { UNCOUNTED_REASONS } from '../domain/uncounted';
import { METRIC_NAMES } from '../metrics';

/** Request and response schemas of the performance API: they validate, type handlers and write the OpenAPI doc. */

const Id = Type.String({ format: 'uuid', description: 'UUID' });
const Iso = Type.String({ format: 'date-time' });
export const MetricName = Type.Enum(METRIC_NAMES as [string, ...string[]], { description: 'A metric (services/performance/src/metrics)' });
const Period = Type.String({
  maxLength: 10,
  description: 'A day (2026-12-04), ISO week (2026-W49), month (2026-12) or quarter (2026-Q4) in the subject’s country calendar',
});
const SubjectRef = Type.String({ maxLength: 80, description: 'user:{id} or org-unit:{id}' });

export const FiguresQuery = Type.Object({
  metric: Type.Optional(MetricName),
  period: Period,
  subject: Type.Optional(Type.String({ maxLength: 80, description: 'user:{id} or org-unit:{id}; me when left out' })),
});

export const Figure = Type.Object({
  metric: Type.String(),
  period: Type.String(),
  subject: Type.String(),
  value: Type.Integer({ description: 'The sum of the credit of every fact behind the figure' }),
  target: Type.Optional(Type.Integer()),
  attainment: Type.Optional(Type.Number({ description: 'value ÷ target' })),
});
export const Figures = Type.Object({ items: Type.Array(Figure) });

export const ExplainQuery = Type.Object({ metric: MetricName, period: Period, subject: SubjectRef, ...pageQueryFields });

export const Fact = Type.Object({
  id: Id,
  sourceType: Type.String({ description: 'visit, lead or merchant' }),
  sourceId: Id,
  href: Type.String({ description: 'Where the credited record is read' }),
  occurredAt: Iso,
  credit: Type.Integer({ description: 'Negative for a correction' }),
  reverses: Type.Union([Id, Type.Null()], { description: 'The fact a correction takes back' }),
  recordedAt: Iso,
});
export const Explanation = Type.Object({
  value: Type.Integer(),
  facts: Type.Array(Fact),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const UncountedQuery = Type.Object({
  period: Period,
  subject: Type.Optional(Type.String({ maxLength: 80, description: 'user:{id} or org-unit:{id}; me when left out' })),
  ...pageQueryFields,
});

export const UncountedItem = Type.Object({
  metric: Type.String(),
  sourceType: Type.String({ description: 'visit or lead' }),
  sourceId: Id,
  href: Type.String({ description: 'Where the record is read' }),
  occurredAt: Iso,
  reason: Type.Enum(UNCOUNTED_REASONS, {
    description:
      'awaiting-review: a flagged visit not reviewed yet; rejected: a reviewer rejected the visit; duplicate: a lead matched one already known',
  }),
  detail: Type.String({ description: 'In words: the risk signals seen, or the reviewer’s reason; empty when there is none' }),
  recordedAt: Iso,
});
export const UncountedPage = PageOf(UncountedItem);

export const LeaderboardQuery = Type.Object({
  metric: MetricName,
  period: Period,
  orgUnitId: Type.Optional(Id),
  areaId: Type.Optional(Id),
  agencyId: Type.Optional(Id),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Rows from the top' }),
});
export const Leaderboard = Type.Object({
  metric: Type.String(),
  period: Type.String(),
  orgUnitId: Type.Union([Id, Type.Null()]),
  areaId: Type.Union([Id, Type.Null()]),
  agencyId: Type.Union([Id, Type.Null()]),
  items: Type.Array(Type.Object({ rank: Type.Integer({ minimum: 1 }), userId: Id, value: Type.Integer() })),
});

export const SetTargetsBody = Type.Object(
  {
    metric: MetricName,
    period: Period,
    subject: SubjectRef,
    value: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
    cascade: Type.Optional(
      Type.Object(
        {
          reps: Type.Array(
            Type.Object(
              { userId: Id, weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
              { additionalProperties: false },
            ),
            { minItems: 1, maxItems: 500 },
          ),
        },
        { additionalProperties: false, description: 'Split a team target among its reps: evenly, or by weight' },
      ),
    ),
  },
  { additionalProperties: false },
);
export const Targets = Type.Object({
  items: Type.Array(Type.Object({ metric: Type.String(), period: Type.String(), subject: Type.String(), value: Type.Integer() })),
});
export const TargetsPreview = Type.Object({
  items: Type.Array(
    Type.Object({
      metric: Type.String(),
      period: Type.String(),
      subject: Type.String(),
      value: Type.Integer(),
      name: Type.Optional(Type.String({ description: 'The rep’s name, for a share of a team target' })),
    }),
    { description: 'The subject’s target first, then each rep’s share in the order sent' },
  ),
});

export const MerchantFigures = Type.Object(
  {
    merchantId: Id,
    date: Type.String({ format: 'date', description: 'The merchant’s local day (YYYY-MM-DD)' }),
    orders: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
    gmvMinor: Type.Integer({ minimum: 0, maximum: 2_000_000_000, description: 'Gross merchandise value in minor units of `currency`' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217; the merchant country’s currency' }),
  },
  { additionalProperties: false },
);

const FiguresImportRow = Type.Object({
  row: Type.Integer({ description: 'The data row, 1 for the first after the header' }),
  outcome: Type.Union([Type.Literal('accepted'), Type.Literal('unchanged'), Type.Literal('refused')], {
    description: 'accepted: written; unchanged: the day already held these figures; refused: nothing written',
  }),
  column: Type.Optional(
    Type.Union(
      [Type.Literal('merchantId'), Type.Literal('date'), Type.Literal('orders'), Type.Literal('gmvMinor'), Type.Literal('currency')],
      {
        description: 'For a refusal, the column at fault',
      },
    ),
  ),
  reason: Type.Optional(Type.String({ description: 'For a refusal, why, in plain words' })),
});

export const FiguresImportReport = Type.Object({
  accepted: Type.Integer(),
  unchanged: Type.Integer(),
  refused: Type.Integer(),
  rows: Type.Array(FiguresImportRow),
});

const Minor = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'Money in minor units of the country currency' });
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const SignedMinor = Type.Integer({ description: 'Money in minor units; negative takes back' });

export const PlanComponent = Type.Object(
  {
    metric: MetricName,
    rateMinor: Minor,
    accelerators: Type.Optional(
      Type.Array(
        Type.Object(
          { abovePercent: Type.Integer({ minimum: 1, maximum: 1000, description: 'Units past this % of the target' }), rateMinor: Minor },
          { additionalProperties: false },
        ),
        { maxItems: 5 },
      ),
    ),
    capMinor: Type.Optional(Minor),
  },
  { additionalProperties: false },
);
export const PlanBody = Type.Object(
  {
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
    role: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9_]+$', description: 'A role name, e.g. rep' }),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    components: Type.Array(PlanComponent, { minItems: 1, maxItems: 20 }),
    capMinor: Type.Optional(Minor),
  },
  { additionalProperties: false },
);
export const Plan = Type.Object({
  id: Id,
  country: Type.String(),
  role: Type.String(),
  name: Type.String(),
  currency: Type.String(),
  components: Type.Array(PlanComponent),
  capMinor: Type.Optional(Minor),
  version: Type.Integer(),
  updatedAt: Iso,
});
export const Plans = Type.Object({ items: Type.Array(Plan) });

export const PayPeriodsQuery = Type.Object({ country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })) });
export const PayPeriod = Type.Object({
  id: Type.String({ description: 'Country and month: SG-2026-11' }),
  country: Type.String(),
  month: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  statements: Type.Union([Type.Integer(), Type.Null()]),
  closedAt: Type.Union([Iso, Type.Null()]),
});
export const PayPeriods = Type.Object({ items: Type.Array(PayPeriod) });
export const PayPeriodParams = Type.Object({ id: Type.String({ maxLength: 10, description: 'Country and month: SG-2026-11' }) });
export const ClosedPayPeriod = Type.Object({
  id: Type.String(),
  country: Type.String(),
  month: Type.String(),
  status: Type.Literal('closed'),
  statements: Type.Integer(),
  closedAt: Iso,
});

export const StatementsQuery = Type.Object({
  userId: Type.Optional(Id),
  period: Type.String({ maxLength: 7, description: 'The month, YYYY-MM, in the rep’s country calendar' }),
});
const StatementLine = Type.Object({
  metric: Type.String(),
  units: Type.Integer(),
  target: Type.Union([Type.Integer(), Type.Null()]),
  attainmentPercent: Type.Union([Type.Integer(), Type.Null()]),
  amountMinor: SignedMinor,
  uncappedMinor: Type.Optional(SignedMinor),
});
const Adjustment = Type.Object({
  month: Month,
  amountMinor: SignedMinor,
  changes: Type.Array(Type.Object({ metric: Type.String(), from: Type.Integer(), to: Type.Integer() })),
  facts: Type.Array(
    Type.Object({
      metric: Type.String(),
      sourceType: Type.String(),
      sourceId: Type.String(),
      credit: Type.Integer(),
      occurredAt: Iso,
      recordedAt: Iso,
    }),
  ),
  units: Type.Record(Type.String(), Type.Integer()),
});
export const Statement = Type.Object({
  id: Type.Union([Id, Type.Null()], { description: 'Null while the period is open: the statement is computed on every read' }),
  userId: Id,
  country: Type.String(),
  periodId: Type.String(),
  month: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  planId: Type.Union([Id, Type.Null()]),
  currency: Type.String(),
  lines: Type.Array(StatementLine),
  earnedMinor: SignedMinor,
  adjustments: Type.Array(Adjustment, { description: 'Corrections to earlier closed months, settled in this one' }),
  adjustmentsMinor: SignedMinor,
  totalMinor: SignedMinor,
  closedAt: Type.Union([Iso, Type.Null()]),
});
export const Statements = Type.Object({ items: Type.Array(Statement) });
