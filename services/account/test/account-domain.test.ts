import type { Principal } from '@fieldops/platform';
import { describe, expect, it } from 'vitest';
import { assertMayManage, whyCannotGrant } from '../src/domain/access-rules';
import { childPath, isWithinSubtree, whyInvalidParent } from '../src/domain/org-unit';
import { BUILT_IN_ROLES, isKnownPermission } from '../src/domain/permissions';
import { nearestLeaders, unitsUpward } from '../src/domain/team-leads';

const aCaller = (overrides: Partial<Principal> = {}): Principal => ({
  userId: 'u1',
  email: 'someone@fieldops.test',
  name: 'Someone',
  country: 'SG',
  orgUnitId: 'o1',
  agencyId: null,
  roles: [],
  permissions: ['merchant:read', 'lead:read'],
  scope: 'team',
  locale: 'en',
  token: 't',
  ...overrides,
});

describe('org unit rules', () => {
  it('countries are roots, cities sit in countries, teams in cities or teams', () => {
    expect(whyInvalidParent('country', null)).toBeUndefined();
    expect(whyInvalidParent('city', 'country')).toBeUndefined();
    expect(whyInvalidParent('team', 'city')).toBeUndefined();
    expect(whyInvalidParent('team', 'team')).toBeUndefined();
    expect(whyInvalidParent('team', null)).toMatch(/team must have city or team/);
    expect(whyInvalidParent('city', 'team')).toBeDefined();
    expect(whyInvalidParent('country', 'country')).toBeDefined();
  });

  it('a subtree is every path under its root, the root included, and nothing beside it', () => {
    const root = childPath(null, 'a');
    const child = childPath(root, 'b');
    expect(isWithinSubtree(child, root)).toBe(true);
    expect(isWithinSubtree(root, root)).toBe(true);
    expect(isWithinSubtree(root, child)).toBe(false);
    // `/a/` must not contain `/ab/`: paths end in a slash for this reason.
    expect(isWithinSubtree(childPath(null, 'ab'), root)).toBe(false);
  });
});

describe('granting roles', () => {
  it('a caller grants only permissions they hold, at a scope no wider than theirs', () => {
    expect(whyCannotGrant(aCaller(), { name: 'r', permissions: ['lead:read'], scope: 'team' })).toBeUndefined();
    expect(whyCannotGrant(aCaller(), { name: 'r', permissions: ['lead:claim'], scope: 'team' })).toMatch(/lead:claim/);
    expect(whyCannotGrant(aCaller(), { name: 'r', permissions: [], scope: 'country' })).toMatch(/scope/);
    expect(whyCannotGrant(aCaller(), { name: 'r', permissions: ['*'], scope: 'self' })).toMatch(/\*/);
    expect(whyCannotGrant(aCaller({ permissions: ['*'], scope: 'all' }), { name: 'r', permissions: ['*'], scope: 'all' })).toBeUndefined();
  });

  it('nobody changes a user who holds a role they could not grant', () => {
    const lead = { name: 'team_lead', permissions: ['lead:read'], scope: 'team' as const };
    const admin = { name: 'admin', permissions: ['*'], scope: 'all' as const };
    expect(() => assertMayManage(aCaller(), [lead])).not.toThrow();
    expect(() => assertMayManage(aCaller(), [])).not.toThrow();
    expect(() => assertMayManage(aCaller({ scope: 'country', permissions: ['lead:read', 'user:write'] }), [lead, admin])).toThrow(/admin/);
    expect(() => assertMayManage(aCaller(), [{ ...lead, scope: 'country' }])).toThrow(/scope/);
  });

  it('every built-in role uses known permissions only', () => {
    for (const role of BUILT_IN_ROLES) expect(role.permissions.filter((p) => !isKnownPermission(p))).toEqual([]);
  });
});

describe('team leads', () => {
  const units = unitsUpward('/country/city/team/');

  it('walk a unit path from the own unit up to the root', () => {
    expect(units).toEqual(['team', 'city', 'country']);
  });

  it('are the leaders of the nearest unit that has one other than the user', () => {
    const leaders = [
      { id: 'lead', orgUnitId: 'team' },
      { id: 'city-manager', orgUnitId: 'city' },
      { id: 'country-manager', orgUnitId: 'country' },
    ];
    expect(nearestLeaders(units, leaders, 'rep')).toEqual({ orgUnitId: 'team', leaderIds: ['lead'] });
    expect(nearestLeaders(units, leaders, 'lead')).toEqual({ orgUnitId: 'city', leaderIds: ['city-manager'] });
    expect(nearestLeaders(units, leaders.slice(2), 'rep')).toEqual({ orgUnitId: 'country', leaderIds: ['country-manager'] });
    expect(nearestLeaders(units, [], 'rep')).toBeUndefined();
  });
});
