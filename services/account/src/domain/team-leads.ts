import type { DataScope } from '@fieldops/platform';

/** A role leads the people of its holder's unit when it sees at least that unit's subtree. */
export const LEADING_SCOPES: readonly DataScope[] = ['team', 'country', 'all'];

/** Someone holding a leading role, in the unit they sit in. */
export interface UnitLeader {
  id: string;
  orgUnitId: string;
}

/** The units from a materialised path (`/<root>/…/<own>/`), the own unit first, then each parent up to the root. */
export function unitsUpward(path: string): string[] {
  return path.split('/').filter(Boolean).reverse();
}

/**
 * A user's team leads: the leaders of the nearest unit, the user's own first, that has a leader other than the user
 * (a team lead's own lead sits a unit up). Undefined when no unit up to the root has one.
 */
export function nearestLeaders(
  unitsNearestFirst: readonly string[],
  leaders: readonly UnitLeader[],
  userId: string,
): { orgUnitId: string; leaderIds: string[] } | undefined {
  for (const orgUnitId of unitsNearestFirst) {
    const leaderIds = leaders.filter((l) => l.orgUnitId === orgUnitId && l.id !== userId).map((l) => l.id);
    if (leaderIds.length > 0) return { orgUnitId, leaderIds: [...new Set(leaderIds)].sort() };
  }
  return undefined;
}
