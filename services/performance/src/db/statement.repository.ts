import { type ResolvedScope, scopeFilter } from '@fieldops/platform';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { PerformanceDb, PerformancePayPeriodTable, PerformanceStatementTable } from './schema';

type Db = Kysely<PerformanceDb> | Transaction<PerformanceDb>;
export type StatementRow = Selectable<PerformanceStatementTable>;
export type PayPeriodRow = Selectable<PerformancePayPeriodTable>;

/** A statement is visible through its rep, their team and agency, and the country. */
const STATEMENT_SCOPE = { owner: 'user_id', orgUnit: 'org_unit_id', country: 'country', agency: 'agency_id' };

export const statementRepository = {
  /** The months of a country that are closed. */
  async closedMonths(db: Db, country: string): Promise<Set<string>> {
    const rows = await db.selectFrom('performance_pay_period').select('month').where('country', '=', country).execute();
    return new Set(rows.map((r) => r.month));
  },

  async closedPeriods(db: Db, countries: string[] | 'all'): Promise<PayPeriodRow[]> {
    let query = db.selectFrom('performance_pay_period').selectAll();
    if (countries !== 'all') query = query.where('country', 'in', countries.length > 0 ? countries : ['']);
    return query.orderBy('month', 'desc').orderBy('country').execute();
  },

  async insertPeriod(db: Db, row: Insertable<PerformancePayPeriodTable>): Promise<void> {
    await db.insertInto('performance_pay_period').values(row).execute();
  },

  async insert(db: Db, row: Insertable<PerformanceStatementTable>): Promise<void> {
    await db.insertInto('performance_statement').values(row).execute();
  },

  /** A rep's closed statement for a month, when their scope shows it. */
  async find(db: Db, scope: ResolvedScope, userId: string, country: string, month: string): Promise<StatementRow | undefined> {
    return db
      .selectFrom('performance_statement')
      .selectAll()
      .where('user_id', '=', userId)
      .where('country', '=', country)
      .where('month', '=', month)
      .where(scopeFilter(scope, STATEMENT_SCOPE))
      .executeTakeFirst();
  },

  /** A rep's closed statements for `months` (no scope: the caller already sees the rep). */
  async ofRep(db: Db, userId: string, country: string, months: string[]): Promise<StatementRow[]> {
    if (months.length === 0) return [];
    return db
      .selectFrom('performance_statement')
      .selectAll()
      .where('user_id', '=', userId)
      .where('country', '=', country)
      .where('month', 'in', months)
      .execute();
  },

  /** Every closed statement of a rep after `month`: the adjustments already paid for it are in them. */
  async ofRepAfter(db: Db, userId: string, country: string, month: string): Promise<StatementRow[]> {
    return db
      .selectFrom('performance_statement')
      .selectAll()
      .where('user_id', '=', userId)
      .where('country', '=', country)
      .where('month', '>', month)
      .execute();
  },
};
