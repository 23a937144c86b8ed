import { uuidv7 } from 'uuidv7';
import type { AreaContext } from '../config';
import { areaRepository } from '../db/area.repository';
import { type AssignmentRow, assignmentRepository } from '../db/assignment.repository';
import { knownOrgUnitRepository, knownUserRepository } from '../db/known-user.repository';
import { type SeedLinkRow, seedLinkRepository } from '../db/seed-link.repository';
import { areaEvents } from '../events/published';
import { recordAssignments } from './record-assignment';

/**
 * Carries out the demo seed's links whose other side the account service has announced by now: assigns the user
 * with that email (from now on, unless the area already has that user or a primary), or links the city org unit
 * with that name. A link whose target is not known yet waits for the next run. Answers how many were done.
 */
export async function linkSeeded(ctx: AreaContext): Promise<number> {
  if (!(await seedLinkRepository.any(ctx.db))) return 0;
  return ctx.transact(
    async (trx, events) => {
      const links = await seedLinkRepository.pending(trx, ctx.dialect, 500);
      const done: SeedLinkRow[] = [];
      const assignments: AssignmentRow[] = [];
      const now = ctx.clock.now();
      for (const link of links) {
        const area = await areaRepository.findById(trx, link.area_id);
        if (!area) {
          done.push(link);
          continue;
        }
        if (link.target === 'org_unit') {
          const [country, name] = [link.match_key.slice(0, 2), link.match_key.slice(3)];
          const unit = await knownOrgUnitRepository.findCity(trx, country, name);
          if (!unit) continue;
          if (
            area.org_unit_id === null &&
            (await areaRepository.update(trx, area.id, area.version, { org_unit_id: unit.id, updated_at: now }))
          ) {
            await events.append(
              areaEvents.updated({ ...area, org_unit_id: unit.id, version: area.version + 1, updated_at: now }, 'system'),
            );
          }
          done.push(link);
          continue;
        }
        const user = await knownUserRepository.findByEmail(trx, link.match_key);
        if (!user) continue;
        const current = [
          ...(await assignmentRepository.overlapping(trx, area.id, now, null)),
          ...assignments.filter((a) => a.area_id === area.id),
        ];
        const taken = current.some((a) => a.user_id === user.id || (link.role === 'primary' && a.role === 'primary'));
        if (!taken) {
          assignments.push({
            id: uuidv7(),
            area_id: area.id,
            user_id: user.id,
            role: link.role ?? 'primary',
            country: area.country,
            effective_from: now,
            effective_to: null,
            ended_at: null,
            version: 1,
            created_at: now,
            updated_at: now,
          });
        }
        done.push(link);
      }
      await recordAssignments(ctx, trx, events, assignments, 'system');
      await seedLinkRepository.remove(
        trx,
        done.map((l) => l.id),
      );
      return done.length;
    },
    { retryLockConflicts: true },
  );
}
