import { type ResolvedScope, scopeFilter } from '@fieldops/platform';
import { type Expression, type SqlBool, sql } from 'kysely';

const COLUMNS = {
  owner: 'lead.owner_id',
  orgUnit: 'lead.org_unit_id',
  area: 'lead.area_id',
  country: 'lead.country',
  agency: 'lead.agency_id',
};

/**
 * The public pool a caller sees: unowned leads of their country, within their areas when they have any (a lead
 * without an area yet stays visible), and of their agency or none when they work for one.
 */
export function publicPoolOf(scope: ResolvedScope, options: { anyOwner?: boolean } = {}): Expression<SqlBool> {
  const conditions = [options.anyOwner ? sql<SqlBool>`1 = 1` : sql<SqlBool>`lead.owner_id is null`];
  if (scope.scope !== 'all') conditions.push(sql<SqlBool>`lead.country = ${scope.country}`);
  if (scope.areaIds.length > 0 && scope.scope !== 'all' && scope.scope !== 'country') {
    conditions.push(sql<SqlBool>`(lead.area_id is null or lead.area_id in (${sql.join(scope.areaIds)}))`);
  }
  if (scope.agencyId !== null) conditions.push(sql<SqlBool>`(lead.agency_id is null or lead.agency_id = ${scope.agencyId})`);
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

/** Every lead a caller may see: their data scope, plus the public pool. Anything else answers 404. */
export function visibleTo(scope: ResolvedScope): Expression<SqlBool> {
  return sql<SqlBool>`(${scopeFilter(scope, COLUMNS)} or ${publicPoolOf(scope)})`;
}
