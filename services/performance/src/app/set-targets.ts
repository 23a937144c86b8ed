import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService } from '@fieldops/contracts';
import { type Access, asCaller, NotFoundError, UnprocessableError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { PerformanceContext } from '../config';
import { targetRepository } from '../db/target.repository';
import { splitTarget } from '../domain/cascade';
import { formatSubject } from '../domain/subject';
import { periodOf, subjectOf } from './figure-query';
import { type VisibleSubject, visibleSubject } from './visible-subject';

export interface SetTargetsBody {
  metric: string;
  period: string;
  subject: string;
  value: number;
  /** For a team's target: its reps' shares, evenly or by weight. */
  cascade?: { reps: { userId: string; weight?: number }[] };
}

export interface TargetView {
  metric: string;
  period: string;
  subject: string;
  value: number;
}

async function subjectInScope(ctx: PerformanceContext, access: Access, body: SetTargetsBody): Promise<VisibleSubject> {
  try {
    return await visibleSubject(ctx, access, subjectOf(body.subject, '/body/subject'));
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new UnprocessableError('You cannot set targets for this subject.', [
      { field: '/body/subject', message: 'is not a rep or team in your scope' },
    ]);
  }
}

/** The reps a team target cascades to: each must be one the caller sees, in the team's subtree. */
async function cascadeReps(ctx: PerformanceContext, access: Access, team: VisibleSubject, reps: { userId: string }[]) {
  const accounts = ctx.rpc.client(AccountService);
  const found = [];
  for (const [index, rep] of reps.entries()) {
    const field = `/body/cascade/reps/${index}/userId`;
    let orgUnitId: string | undefined;
    try {
      orgUnitId = (await accounts.getUser({ id: rep.userId }, asCaller(access.caller.token))).user?.orgUnitId;
    } catch (error) {
      if (!(error instanceof ConnectError && (error.code === Code.NotFound || error.code === Code.InvalidArgument))) throw error;
    }
    if (orgUnitId === undefined || !team.orgUnitIds.includes(orgUnitId)) {
      throw new UnprocessableError('A target cascades only to the reps of the team.', [
        { field, message: 'is not a rep of this team in your scope' },
      ]);
    }
    found.push({ userId: rep.userId, orgUnitId });
  }
  return found;
}

/**
 * Sets a target per metric × period × rep or team; a team's target may cascade to its reps in whole units that add
 * up to it. All targets are written in one transaction, or none.
 */
export async function setTargets(ctx: PerformanceContext, access: Access, body: SetTargetsBody): Promise<{ items: TargetView[] }> {
  const period = periodOf(body.period, '/body/period');
  const subject = await subjectInScope(ctx, access, body);
  const reps = body.cascade?.reps ?? [];
  if (reps.length > 0 && subject.subject.type !== 'org-unit') {
    throw new UnprocessableError('Only a team target cascades.', [{ field: '/body/cascade', message: 'needs an org-unit subject' }]);
  }
  const members = await cascadeReps(ctx, access, subject, reps);
  const shares = splitTarget(
    body.value,
    reps.map((r) => r.weight ?? 1),
  );
  const now = ctx.clock.now();
  const base = { metric: body.metric, period: period.key, set_by: access.caller.userId, updated_at: now };
  const rows = [
    {
      ...base,
      id: uuidv7(),
      subject_type: subject.subject.type,
      subject_id: subject.subject.id,
      org_unit_id: subject.orgUnitId,
      country: subject.country,
      value: body.value,
    },
    ...members.map((m, i) => ({
      ...base,
      id: uuidv7(),
      subject_type: 'user' as const,
      subject_id: m.userId,
      org_unit_id: m.orgUnitId,
      country: subject.country,
      value: shares[i] ?? 0,
    })),
  ];
  await ctx.transact(async (trx) => {
    for (const row of rows) await targetRepository.set(trx, ctx.dialect, row);
  });
  const items = rows.map((r) => ({
    metric: r.metric,
    period: r.period,
    subject: formatSubject({ type: r.subject_type, id: r.subject_id }),
    value: r.value,
  }));
  return { items };
}
