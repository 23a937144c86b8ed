import type { Principal } from '@fieldops/platform';

/** The scope columns a file or upload keeps of the user who uploaded it. */
export function uploaderOf(caller: Principal) {
  return { ownerId: caller.userId, orgUnitId: caller.orgUnitId || null, agencyId: caller.agencyId, country: caller.country };
}
