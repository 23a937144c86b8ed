import type { PerformanceContext } from '../config';
import { type FactRow, factRepository } from '../db/fact.repository';
import { type PlanRow, planRepository, rulesOf } from '../db/plan.repository';
import { type StatementRow, statementRepository } from '../db/statement.repository';
import { targetRepository } from '../db/target.repository';
import { type PlanRules, payout, type StatementLine } from '../domain/incentive-plan';
import { settledBy } from '../domain/pay-period';

/** The rep a statement is for, as the account service describes them. */
export interface Rep {
  userId: string;
  country: string;
  orgUnitId: string | null;
  agencyId: string | null;
  roleNames: string[];
}

/** A correction to a closed month, paid (or taken back) in a later open one. */
export interface Adjustment {
  /** The closed month corrected. */
  month: string;
  amountMinor: number;
  /** The units each metric moved by since the month was last paid. */
  changes: { metric: string; from: number; to: number }[];
  /** The facts recorded since then that moved them (at most 50), with links to what they credit. */
  facts: { metric: string; sourceType: string; sourceId: string; credit: number; occurredAt: string; recordedAt: string }[];
  /** The units the month now stands at: what a later correction is measured from. */
  units: Record<string, number>;
}

export interface StatementDraft {
  plan: PlanRow | undefined;
  rules: PlanRules | undefined;
  lines: StatementLine[];
  earnedMinor: number;
  adjustments: Adjustment[];
  adjustmentsMinor: number;
  totalMinor: number;
}

export const adjustmentsOf = (row: Pick<StatementRow, 'adjustments'>): Adjustment[] => JSON.parse(row.adjustments) as Adjustment[];
export const linesOf = (row: Pick<StatementRow, 'lines'>): StatementLine[] => JSON.parse(row.lines) as StatementLine[];

const FACTS_SHOWN = 50;

/** The plan of the rep's first role that has one in their country. */
async function planOf(ctx: PerformanceContext, rep: Rep): Promise<PlanRow | undefined> {
  for (const role of rep.roleNames) {
    const plan = await planRepository.forRole(ctx.db, rep.country, role);
    if (plan) return plan;
  }
  return undefined;
}

async function targetsOf(ctx: PerformanceContext, userId: string, month: string): Promise<Record<string, number>> {
  return Object.fromEntries(await targetRepository.forSubject(ctx.db, month, 'user', userId));
}

const onlyPlanned = (rules: PlanRules, units: Record<string, number>) =>
  Object.fromEntries(rules.components.map((c) => [c.metric, units[c.metric] ?? 0]));

/**
 * What a closed month owes the rep now: its pay under the plan and targets frozen with its statement (today's when
 * the rep had none), less what its statement paid and the adjustments later statements already made.
 */
async function adjustmentFor(ctx: PerformanceContext, rep: Rep, month: string, plan: PlanRow | undefined): Promise<Adjustment | undefined> {
  const [statement] = await statementRepository.ofRep(ctx.db, rep.userId, rep.country, [month]);
  const rules = statement ? (JSON.parse(statement.plan_rules) as PlanRules) : plan ? rulesOf(plan) : undefined;
  if (!rules) return undefined;
  const targets = statement
    ? Object.fromEntries(linesOf(statement).flatMap((l) => (l.target === null ? [] : [[l.metric, l.target]])))
    : await targetsOf(ctx, rep.userId, month);
  const unitsNow = onlyPlanned(rules, await factRepository.unitsOf(ctx.db, rep.userId, rep.country, month));
  const owed = payout(rules, unitsNow, targets).earnedMinor;

  let paid = Number(statement?.earned_minor ?? 0);
  let unitsPaid = statement ? Object.fromEntries(linesOf(statement).map((l) => [l.metric, l.units])) : {};
  let since = Number(statement?.closed_at ?? 0);
  const later = (await statementRepository.ofRepAfter(ctx.db, rep.userId, rep.country, month)).sort((a, b) =>
    a.month.localeCompare(b.month),
  );
  for (const row of later) {
    for (const earlier of adjustmentsOf(row).filter((a) => a.month === month)) {
      paid += earlier.amountMinor;
      unitsPaid = earlier.units;
      since = Number(row.closed_at);
    }
  }
  if (!statement && since === 0) {
    const closed = (await statementRepository.closedPeriods(ctx.db, [rep.country])).find((p) => p.month === month);
    since = Number(closed?.closed_at ?? 0);
  }
  const changes = Object.entries(unitsNow)
    .filter(([metric, to]) => (unitsPaid[metric] ?? 0) !== to)
    .map(([metric, to]) => ({ metric, from: unitsPaid[metric] ?? 0, to }));
  const amountMinor = owed - paid;
  if (amountMinor === 0 && changes.length === 0) return undefined;
  const facts = await factRepository.recordedAfter(ctx.db, rep.userId, rep.country, month, since, FACTS_SHOWN);
  return { month, amountMinor, changes, facts: facts.map(factLine), units: unitsNow };
}

function factLine(row: FactRow): Adjustment['facts'][number] {
  return {
    metric: row.metric,
    sourceType: row.source_type,
    sourceId: row.source_id,
    credit: Number(row.credit),
    occurredAt: new Date(Number(row.occurred_at)).toISOString(),
    recordedAt: new Date(Number(row.recorded_at)).toISOString(),
  };
}

/**
 * A rep's statement for an open month as it stands: the month's pay under their role's plan, and the corrections
 * to the closed months right before it. Undefined when the rep has no plan and nothing to settle.
 */
export async function draftStatement(ctx: PerformanceContext, rep: Rep, month: string): Promise<StatementDraft | undefined> {
  const plan = await planOf(ctx, rep);
  const rules = plan ? rulesOf(plan) : undefined;
  const earned = rules
    ? payout(rules, await factRepository.unitsOf(ctx.db, rep.userId, rep.country, month), await targetsOf(ctx, rep.userId, month))
    : { lines: [], earnedMinor: 0 };
  const closed = await statementRepository.closedMonths(ctx.db, rep.country);
  const adjustments: Adjustment[] = [];
  for (const earlier of settledBy(month, closed)) {
    const adjustment = await adjustmentFor(ctx, rep, earlier, plan);
    if (adjustment) adjustments.push(adjustment);
  }
  if (!plan && adjustments.length === 0) return undefined;
  const adjustmentsMinor = adjustments.reduce((sum, a) => sum + a.amountMinor, 0);
  return {
    plan,
    rules,
    lines: earned.lines,
    earnedMinor: earned.earnedMinor,
    adjustments,
    adjustmentsMinor,
    totalMinor: earned.earnedMinor + adjustmentsMinor,
  };
}
