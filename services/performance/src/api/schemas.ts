import { pageQueryFields } from '@fieldops/platform';
import { Type } from 'typebox';
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

export const LeaderboardQuery = Type.Object({
  metric: MetricName,
  period: Period,
  orgUnitId: Type.Optional(Id),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Rows from the top' }),
});
export const Leaderboard = Type.Object({
  metric: Type.String(),
  period: Type.String(),
  orgUnitId: Type.Union([Id, Type.Null()]),
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
