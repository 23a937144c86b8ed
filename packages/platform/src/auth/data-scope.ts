import { type Expression, type SqlBool, sql } from 'kysely';
import type { ResolvedScope } from './principal';

/** The columns through which a table's rows belong to people, teams, areas, countries and agencies. */
export interface ScopeColumns {
  /** The user who owns the row (self scope). */
  owner?: string;
  orgUnit?: string;
  area?: string;
  country?: string;
  agency?: string;
}

const FALSE = sql<SqlBool>`1 = 0`;

function isIn(column: string, values: string[]): Expression<SqlBool> {
  if (values.length === 0) return FALSE;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(values)})`;
}

/**
 * The data-scope filter that repositories add to every query: a row outside it is simply not found.
 * A scope the table has no column for grants nothing (fails closed). Agency users are additionally limited
 * to their agency's rows whatever their scope.
 */
export function scopeFilter(scope: ResolvedScope, columns: ScopeColumns): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  switch (scope.scope) {
    case 'all':
      break;
    case 'country':
      conditions.push(columns.country ? sql<SqlBool>`${sql.ref(columns.country)} = ${scope.country}` : FALSE);
      break;
    case 'area':
      // Until a table has an area column, its rows are reached through the team (org subtree) instead.
      if (columns.area) conditions.push(isIn(columns.area, scope.areaIds));
      else conditions.push(columns.orgUnit ? isIn(columns.orgUnit, scope.orgUnitIds) : FALSE);
      break;
    case 'team':
      conditions.push(columns.orgUnit ? isIn(columns.orgUnit, scope.orgUnitIds) : FALSE);
      break;
    case 'self':
      conditions.push(columns.owner ? sql<SqlBool>`${sql.ref(columns.owner)} = ${scope.userId}` : FALSE);
      break;
  }
  if (scope.agencyId !== null) {
    conditions.push(columns.agency ? sql<SqlBool>`${sql.ref(columns.agency)} = ${scope.agencyId}` : FALSE);
  }
  if (conditions.length === 0) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}
