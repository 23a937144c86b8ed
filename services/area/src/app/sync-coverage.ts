import type { Dialect, EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { AreaContext } from '../config';
import { areaRepository } from '../db/area.repository';
import { assignmentRepository } from '../db/assignment.repository';
import { coverageRepository } from '../db/coverage.repository';
import { knownUserRepository } from '../db/known-user.repository';
import type { AreaDb } from '../db/schema';
import { coverageEvents } from '../events/published';

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** The areas a user covers at `at`: those assigned to them in any role, and everything below. */
export async function coverageOf(trx: Transaction<AreaDb>, userId: string, at: number, dialect: Dialect): Promise<string[]> {
  const assigned = await assignmentRepository.areaIdsOfUser(trx, userId, at, dialect);
  const ids = await areaRepository.idsUnder(trx, await areaRepository.pathsOf(trx, assigned));
  return [...new Set(ids)].sort();
}

/**
 * Recomputes the coverage of each user (now, by the service's clock) and publishes `area.coverage.changed.v1`
 * for those whose set differs from the last one published. Runs inside the caller's transaction, so the event
 * and the change that caused it commit together.
 */
export async function syncCoverage(ctx: AreaContext, trx: Transaction<AreaDb>, events: EventWriter, userIds: string[]): Promise<number> {
  const now = ctx.clock.now();
  let changed = 0;
  for (const userId of [...new Set(userIds)].sort()) {
    // Lock first, then read the assignments as last committed: concurrent writers take turns per user.
    const published = await coverageRepository.lockPublished(trx, ctx.dialect, userId, now);
    const areaIds = await coverageOf(trx, userId, now, ctx.dialect);
    if (sameIds(published.areaIds, areaIds)) continue;
    const version = published.version + 1;
    await coverageRepository.save(trx, ctx.dialect, userId, areaIds, version, now);
    const user = await knownUserRepository.find(trx, userId);
    await events.append(coverageEvents.changed(userId, areaIds, version, user?.country));
    changed++;
  }
  return changed;
}
