import { type Access, ConflictError, NotFoundError, UnprocessableError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { PerformanceContext } from '../config';
import { type PlanRow, planRepository, rulesOf } from '../db/plan.repository';
import type { PlanRules } from '../domain/incentive-plan';
import { countryInScope } from './pay-periods';

export interface PlanBody extends PlanRules {
  country: string;
  role: string;
  name: string;
}

function toView(row: PlanRow) {
  return {
    id: row.id,
    country: row.country,
    role: row.role,
    name: row.name,
    currency: row.currency,
    ...rulesOf(row),
    version: Number(row.version),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

/** The plans of the caller's country (every country's for an admin). */
export async function listPlans(ctx: PerformanceContext, access: Access) {
  const rows = await planRepository.list(ctx.db, access.scope.scope === 'all' ? 'all' : [access.caller.country]);
  return { items: rows.map(toView) };
}

/** Each metric once, each accelerator above the one before: a plan that pays one thing twice is refused. */
function checkRules(rules: PlanRules): void {
  const seen = new Set<string>();
  for (const [i, component] of rules.components.entries()) {
    if (seen.has(component.metric)) {
      throw new UnprocessableError('A plan pays each metric once.', [
        { field: `/body/components/${i}/metric`, message: 'is listed twice' },
      ]);
    }
    seen.add(component.metric);
    const thresholds = (component.accelerators ?? []).map((a) => a.abovePercent);
    for (let j = 1; j < thresholds.length; j++) {
      if ((thresholds[j] ?? 0) <= (thresholds[j - 1] ?? 0)) {
        throw new UnprocessableError('Accelerators rise.', [
          { field: `/body/components/${i}/accelerators/${j}/abovePercent`, message: 'is not above the one before' },
        ]);
      }
    }
  }
}

function planCountry(access: Access, country: string): string {
  try {
    return countryInScope(access, country);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new UnprocessableError('You set plans for your own country.', [
      { field: '/body/country', message: 'is not a country in your scope' },
    ]);
  }
}

/**
 * Sets the incentive plan of one role in one country (a new one, or new rules for it). Statements already closed
 * keep the rules they were paid by; open ones use these from now on.
 */
export async function putPlan(ctx: PerformanceContext, access: Access, body: PlanBody) {
  const country = planCountry(access, body.country);
  checkRules(body);
  const rules: PlanRules = { components: body.components, ...(body.capMinor !== undefined ? { capMinor: body.capMinor } : {}) };
  const now = ctx.clock.now();
  const currency = ctx.countries.get(country).currency;
  const saved = await ctx.transact(async (trx) => {
    const stored = await planRepository.forRole(trx, country, body.role);
    const common = { name: body.name, currency, rules: JSON.stringify(rules), updated_by: access.caller.userId, updated_at: now };
    if (!stored) {
      const row = { id: uuidv7(), country, role: body.role, version: 1, created_at: now, ...common };
      await planRepository.insert(trx, row);
      return row;
    }
    const row = { ...stored, ...common, version: Number(stored.version) + 1 };
    if (!(await planRepository.update(trx, row, Number(stored.version)))) throw new ConflictError('The plan changed meanwhile.');
    return row;
  });
  return toView(saved);
}
