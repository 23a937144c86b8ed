import { isSupportedCountry, localDateTime } from '@fieldops/countries';
import { type Access, NotFoundError } from '@fieldops/platform';
import type { PerformanceContext } from '../config';
import { statementRepository } from '../db/statement.repository';
import { addMonths, payPeriod } from '../domain/pay-period';

const SHOWN = 12;

/** The country a caller may name: their own unless their scope is everyone's. */
export function countryInScope(access: Access, country: string | undefined): string {
  const wanted = country ?? access.caller.country;
  if (!isSupportedCountry(wanted) || (access.scope.scope !== 'all' && wanted !== access.caller.country)) throw new NotFoundError('Country');
  return wanted;
}

/** The country's last twelve months (the current one first), each open or closed. */
export async function payPeriods(ctx: PerformanceContext, access: Access, query: { country?: string }) {
  const country = countryInScope(access, query.country);
  const current = localDateTime(ctx.clock.now(), ctx.countries.get(country).timezone).date.slice(0, 7);
  const closed = new Map((await statementRepository.closedPeriods(ctx.db, [country])).map((p) => [p.month, p]));
  const items = Array.from({ length: SHOWN }, (_, i) => {
    const month = addMonths(current, -i);
    const row = closed.get(month);
    return {
      ...payPeriod(country, month),
      status: row ? ('closed' as const) : ('open' as const),
      statements: row ? Number(row.statements) : null,
      closedAt: row ? new Date(Number(row.closed_at)).toISOString() : null,
    };
  });
  return { items };
}
