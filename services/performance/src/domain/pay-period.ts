/**
 * Pay periods: a country's calendar months. A period is open until it is closed; a closed period's statements never
 * change, and what changes in it later is settled in the first open period after it.
 */
const PERIOD_ID = /^([A-Z]{2})-(\d{4})-(0[1-9]|1[0-2])$/;

export interface PayPeriod {
  /** `SG-2026-11`: the country and the month. */
  id: string;
  country: string;
  /** `2026-11`. */
  month: string;
}

export function payPeriod(country: string, month: string): PayPeriod {
  return { id: `${country}-${month}`, country, month };
}

/** The period an id names, or undefined. */
export function parsePayPeriodId(id: string): PayPeriod | undefined {
  const match = PERIOD_ID.exec(id);
  if (!match) return undefined;
  return payPeriod(match[1] as string, `${match[2]}-${match[3]}`);
}

export function addMonths(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The closed months whose corrections the open `month` settles: the run of closed months right before it (a
 * correction goes to the first open period after the month it falls in).
 */
export function settledBy(month: string, closed: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (let m = addMonths(month, -1); closed.has(m); m = addMonths(m, -1)) found.push(m);
  return found;
}

/** The first month after `month` that is not closed: where a correction to `month` is settled. */
export function firstOpenAfter(month: string, closed: ReadonlySet<string>): string {
  let m = addMonths(month, 1);
  while (closed.has(m)) m = addMonths(m, 1);
  return m;
}
