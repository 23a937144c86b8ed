import type { EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { AreaContext } from '../config';
import { type AssignmentRow, assignmentRepository } from '../db/assignment.repository';
import type { AreaDb } from '../db/schema';
import { assignmentEvents } from '../events/published';
import { syncCoverage } from './sync-coverage';

/**
 * Stores checked assignments with their events, then publishes the new coverage of each user once: the API and
 * the demo seed share it.
 */
export async function recordAssignments(
  ctx: AreaContext,
  trx: Transaction<AreaDb>,
  events: EventWriter,
  rows: AssignmentRow[],
  actor: string,
): Promise<void> {
  for (const row of rows) {
    await assignmentRepository.insert(trx, row);
    await events.append(assignmentEvents.created(row, actor));
  }
  await syncCoverage(
    ctx,
    trx,
    events,
    rows.map((r) => r.user_id),
  );
}
