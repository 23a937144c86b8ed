import { AccountService } from '@fieldops/contracts';
import { localDateTime } from '@fieldops/countries';
import { type Access, ConflictError, isUniqueViolation, NotFoundError, UnprocessableError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { PerformanceContext } from '../config';
import { factRepository } from '../db/fact.repository';
import type { PerformanceStatementTable } from '../db/schema';
import { statementRepository } from '../db/statement.repository';
import { type PayPeriod, parsePayPeriodId, settledBy } from '../domain/pay-period';
import { performanceEvents } from '../events/published';
import { draftStatement } from './draft-statement';
import { repFromUser } from './statements';

const BATCH = 100;

/** The period an id names, when the caller manages its country (a country manager theirs, an admin any). */
function periodInScope(access: Access, id: string): PayPeriod {
  const period = parsePayPeriodId(id);
  const { scope } = access;
  if (!period || !(scope.scope === 'all' || (scope.scope === 'country' && scope.country === period.country))) {
    throw new NotFoundError('Pay period');
  }
  return period;
}

async function repsOf(ctx: PerformanceContext, ids: string[]) {
  const accounts = ctx.rpc.client(AccountService);
  const call = await ctx.asService();
  const reps = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const { users } = await accounts.batchGetUsers({ ids: ids.slice(i, i + BATCH) }, call);
    reps.push(...users.map(repFromUser));
  }
  return reps;
}

/**
 * Closes a pay period: every rep credited in it (or in the closed months it settles) gets their statement frozen as
 * it stands, and from then on it never changes. A fact that lands in the month later (a late rejection, a churn
 * clawback, an event still on its way) is settled as an adjustment in the first open period after it.
 */
export async function closePayPeriod(ctx: PerformanceContext, access: Access, id: string) {
  const period = periodInScope(access, id);
  const policy = ctx.countries.get(period.country);
  const now = ctx.clock.now();
  if (period.month >= localDateTime(now, policy.timezone).date.slice(0, 7)) {
    throw new UnprocessableError('A period closes once its month is over.', [{ field: '/params/id', message: 'is not over yet' }]);
  }
  const closed = await statementRepository.closedMonths(ctx.db, period.country);
  if (closed.has(period.month)) throw new ConflictError('This period is already closed.');
  const credited = await factRepository.creditedReps(ctx.db, period.country, [period.month, ...settledBy(period.month, closed)]);
  const rows: PerformanceStatementTable[] = [];
  for (const rep of await repsOf(ctx, credited)) {
    if (rep.country !== period.country) continue;
    const draft = await draftStatement(ctx, rep, period.month);
    if (!draft) continue;
    rows.push({
      id: uuidv7(),
      user_id: rep.userId,
      org_unit_id: rep.orgUnitId,
      agency_id: rep.agencyId,
      country: period.country,
      month: period.month,
      plan_id: draft.plan?.id ?? null,
      plan_rules: JSON.stringify(draft.rules ?? { components: [] }),
      currency: policy.currency,
      lines: JSON.stringify(draft.lines),
      adjustments: JSON.stringify(draft.adjustments),
      earned_minor: draft.earnedMinor,
      adjustments_minor: draft.adjustmentsMinor,
      total_minor: draft.totalMinor,
      closed_at: now,
    });
  }
  const closedBy = access.caller.userId;
  try {
    await ctx.transact(async (trx, events) => {
      // The period's row first: a second close racing this one fails here, before any statement is written.
      await statementRepository.insertPeriod(trx, {
        id: period.id,
        country: period.country,
        month: period.month,
        statements: rows.length,
        closed_by: closedBy,
        closed_at: now,
      });
      for (const row of rows) {
        await statementRepository.insert(trx, row);
        await events.append(
          performanceEvents.statementClosed(
            {
              statementId: row.id,
              userId: row.user_id,
              country: row.country,
              periodId: period.id,
              month: row.month,
              currency: row.currency,
              earnedMinor: row.earned_minor,
              adjustmentsMinor: row.adjustments_minor,
              totalMinor: row.total_minor,
            },
            closedBy,
          ),
        );
      }
      await events.append(
        performanceEvents.payPeriodClosed({
          periodId: period.id,
          country: period.country,
          month: period.month,
          statements: rows.length,
          closedBy,
        }),
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('This period is already closed.');
    throw error;
  }
  return {
    id: period.id,
    country: period.country,
    month: period.month,
    status: 'closed' as const,
    statements: rows.length,
    closedAt: new Date(now).toISOString(),
  };
}
