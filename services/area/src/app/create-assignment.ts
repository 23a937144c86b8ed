import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService } from '@fieldops/contracts';
import { asCaller, ConflictError, UnprocessableError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { AreaContext } from '../config';
import { type AssignmentRow, assignmentRepository } from '../db/assignment.repository';
import { knownUserRepository } from '../db/known-user.repository';
import type { AssignmentRole } from '../domain/assignment';
import { parseEffectiveDate } from '../domain/effective-date';
import { areaInScope } from './area-rules';
import type { AreaAccess } from './area-visibility';
import { type AssignmentView, toAssignmentView } from './assignment-view';
import { recordAssignments } from './record-assignment';

export interface CreateAssignmentInput {
  userId: string;
  role: AssignmentRole;
  /** A date (start of that day in the area's country) or an ISO date-time; default now. */
  effectiveFrom?: string;
  /** Exclusive; a date or date-time; null or absent: until further notice. */
  effectiveTo?: string | null;
}

const problem = (field: string, message: string, detail: string) => new UnprocessableError(detail, [{ field, message }]);

/** The user, checked through the account service with the caller's own token (so only people they can see). */
async function checkUser(ctx: AreaContext, token: string, userId: string, country: string): Promise<void> {
  try {
    const { user } = await ctx.rpc.client(AccountService).getUser({ id: userId }, asCaller(token));
    if (user?.status !== 'active') throw problem('/body/userId', 'is not an active user', 'The user is disabled.');
    if (user.country !== country)
      throw problem('/body/userId', `must be a user in ${country}`, `The user works in ${user.country}, the area is in ${country}.`);
  } catch (error) {
    if (error instanceof ConnectError && error.code === Code.NotFound) {
      throw problem('/body/userId', 'is not a user you can see', 'No such user, or the user is outside what you manage.');
    }
    throw error;
  }
}

function period(input: CreateAssignmentInput, timeZone: string, now: number): { from: number; to: number | null } {
  const from = input.effectiveFrom === undefined ? now : parseEffectiveDate(input.effectiveFrom, timeZone);
  if (from === undefined)
    throw problem('/body/effectiveFrom', 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time', 'The start is not a date.');
  const to = input.effectiveTo == null ? null : parseEffectiveDate(input.effectiveTo, timeZone);
  if (to === undefined)
    throw problem('/body/effectiveTo', 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time', 'The end is not a date.');
  if (to !== null && to <= from)
    throw problem('/body/effectiveTo', 'must be after effectiveFrom', 'The assignment would end before it starts.');
  return { from, to };
}

/** One overlapping assignment of the same user, or a second primary rep at the same time, is refused. */
function checkConflicts(existing: AssignmentRow[], input: CreateAssignmentInput): void {
  const live = existing.filter((a) => a.effective_to === null || a.effective_to > a.effective_from);
  const same = live.find((a) => a.user_id === input.userId);
  if (same)
    throw new ConflictError(`The user is already assigned to this area (${same.role}) in that period.`, [], { assignmentId: same.id });
  const primary = input.role === 'primary' ? live.find((a) => a.role === 'primary') : undefined;
  if (primary) {
    throw new ConflictError('The area already has a primary rep in that period; end that assignment first or add a backup.', [], {
      assignmentId: primary.id,
    });
  }
}

export async function createAssignment(
  ctx: AreaContext,
  access: AreaAccess,
  areaId: string,
  input: CreateAssignmentInput,
): Promise<AssignmentView> {
  const area = await areaInScope(ctx.db, access.scope, areaId);
  await checkUser(ctx, access.caller.token, input.userId, area.country);
  const now = ctx.clock.now();
  const { from, to } = period(input, ctx.countries.get(area.country).timezone, now);
  return ctx.transact(
    async (trx, events) => {
      await areaInScope(trx, access.scope, areaId);
      checkConflicts(await assignmentRepository.overlapping(trx, areaId, from, to), input);
      const row: AssignmentRow = {
        id: uuidv7(),
        area_id: areaId,
        user_id: input.userId,
        role: input.role,
        country: area.country,
        effective_from: from,
        effective_to: to,
        ended_at: null,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await recordAssignments(ctx, trx, events, [row], access.caller.userId);
      return toAssignmentView(row, await knownUserRepository.find(trx, row.user_id));
    },
    { retryLockConflicts: true },
  );
}
