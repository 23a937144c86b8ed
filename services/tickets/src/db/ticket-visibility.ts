import { type ResolvedScope, scopeFilter } from '@fieldops/platform';
import { type Expression, type SqlBool, sql } from 'kysely';

const COLUMNS = {
  owner: 'ticket.assignee_id',
  orgUnit: 'ticket.org_unit_id',
  area: 'ticket.area_id',
  country: 'ticket.country',
  agency: 'ticket.agency_id',
};

/** Every ticket a caller may see: their data scope, plus the tickets they opened. Anything else answers 404. */
export function visibleTo(scope: ResolvedScope): Expression<SqlBool> {
  const opened = sql<SqlBool>`ticket.created_by = ${scope.userId}`;
  return sql<SqlBool>`(${scopeFilter(scope, COLUMNS)} or ${opened})`;
}
