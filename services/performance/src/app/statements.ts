import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService, type User } from '@fieldops/contracts';
import { type Access, NotFoundError, ValidationError } from '@fieldops/platform';
import type { PerformanceContext } from '../config';
import { type StatementRow, statementRepository } from '../db/statement.repository';
import type { StatementLine } from '../domain/incentive-plan';
import { payPeriod } from '../domain/pay-period';
import { type Adjustment, adjustmentsOf, draftStatement, linesOf, type Rep, type StatementDraft } from './draft-statement';
import { visibleSubject } from './visible-subject';

export interface StatementView {
  /** Null while the period is open (the statement is a draft, computed on every read). */
  id: string | null;
  userId: string;
  country: string;
  periodId: string;
  month: string;
  status: 'open' | 'closed';
  planId: string | null;
  currency: string;
  lines: StatementLine[];
  earnedMinor: number;
  adjustments: Adjustment[];
  adjustmentsMinor: number;
  totalMinor: number;
  closedAt: string | null;
}

export interface StatementsQuery {
  userId?: string;
  /** The month, YYYY-MM. */
  period: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function repFromUser(user: User): Rep {
  return {
    userId: user.id,
    country: user.country,
    orgUnitId: user.orgUnitId || null,
    agencyId: user.agencyId || null,
    roleNames: user.roleNames,
  };
}

/** The rep as the account service knows them (roles included), asked as this service once the caller may see them. */
async function repOf(ctx: PerformanceContext, userId: string): Promise<Rep> {
  try {
    const { user } = await ctx.rpc.client(AccountService).getUser({ id: userId }, await ctx.asService());
    if (user) return repFromUser(user);
  } catch (error) {
    if (!(error instanceof ConnectError && (error.code === Code.NotFound || error.code === Code.InvalidArgument))) throw error;
  }
  throw new NotFoundError('Subject');
}

export function draftView(rep: Rep, month: string, currency: string, draft: StatementDraft): StatementView {
  return {
    id: null,
    userId: rep.userId,
    country: rep.country,
    periodId: payPeriod(rep.country, month).id,
    month,
    status: 'open',
    planId: draft.plan?.id ?? null,
    currency,
    lines: draft.lines,
    earnedMinor: draft.earnedMinor,
    adjustments: draft.adjustments,
    adjustmentsMinor: draft.adjustmentsMinor,
    totalMinor: draft.totalMinor,
    closedAt: null,
  };
}

function closedView(row: StatementRow): StatementView {
  return {
    id: row.id,
    userId: row.user_id,
    country: row.country,
    periodId: payPeriod(row.country, row.month).id,
    month: row.month,
    status: 'closed',
    planId: row.plan_id,
    currency: row.currency,
    lines: linesOf(row),
    earnedMinor: Number(row.earned_minor),
    adjustments: adjustmentsOf(row),
    adjustmentsMinor: Number(row.adjustments_minor),
    totalMinor: Number(row.total_minor),
    closedAt: new Date(Number(row.closed_at)).toISOString(),
  };
}

/**
 * A rep's statement for a month: as frozen at the close when the period is closed, else as it stands now. Empty when
 * the rep's role has no plan and there is nothing to settle.
 */
export async function statements(ctx: PerformanceContext, access: Access, query: StatementsQuery): Promise<{ items: StatementView[] }> {
  if (!MONTH.test(query.period)) throw new ValidationError([{ field: '/query/period', message: 'is not a month: YYYY-MM' }]);
  const visible = await visibleSubject(ctx, access, { type: 'user', id: query.userId ?? access.caller.userId });
  const country = visible.country;
  const closed = await statementRepository.closedMonths(ctx.db, country);
  if (closed.has(query.period)) {
    const row = await statementRepository.find(ctx.db, access.scope, visible.subject.id, country, query.period);
    return { items: row ? [closedView(row)] : [] };
  }
  const rep = await repOf(ctx, visible.subject.id);
  const draft = await draftStatement(ctx, rep, query.period);
  return { items: draft ? [draftView(rep, query.period, ctx.countries.get(rep.country).currency, draft)] : [] };
}
