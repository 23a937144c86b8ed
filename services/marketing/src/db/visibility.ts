import { type ResolvedScope, scopeFilter } from '@fieldops/platform';
import { type Expression, type SqlBool, sql } from 'kysely';

/** Campaigns a caller may see: their country or team scope, plus the campaigns they made. Anything else is a 404. */
export function campaignVisibleTo(scope: ResolvedScope): Expression<SqlBool> {
  const columns = { owner: 'campaign.created_by', orgUnit: 'campaign.org_unit_id', country: 'campaign.country' };
  return sql<SqlBool>`(${scopeFilter(scope, columns)} or campaign.created_by = ${scope.userId})`;
}

/** Enrollments follow their merchant: its owner (a rep sees their own merchants'), team, area, country, agency. */
export function enrollmentVisibleTo(scope: ResolvedScope): Expression<SqlBool> {
  return scopeFilter(scope, {
    owner: 'enrollment.owner_id',
    orgUnit: 'enrollment.org_unit_id',
    area: 'enrollment.area_id',
    country: 'enrollment.country',
    agency: 'enrollment.agency_id',
  });
}

/** A campaign's members follow their merchant the same way (the launch snapshot keeps its owner, team and area). */
export function memberVisibleTo(scope: ResolvedScope): Expression<SqlBool> {
  return scopeFilter(scope, {
    owner: 'campaign_member.owner_id',
    orgUnit: 'campaign_member.org_unit_id',
    area: 'campaign_member.area_id',
    country: 'campaign_member.country',
    agency: 'campaign_member.agency_id',
  });
}
