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

/** A target as a preview shows it: with the rep's name where the account service gave it. */
export interface TargetPreview extends TargetView {
  name?: string;
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
    let user: { orgUnitId: string; name: string } | undefined;
    try {
      user = (await accounts.getUser({ id: rep.userId }, asCaller(access.caller.token))).user;
    } catch (error) {
      if (!(error instanceof ConnectError && (error.code === Code.NotFound || error.code === Code.InvalidArgument))) throw error;
    }
    if (user === undefined || !team.orgUnitIds.includes(user.orgUnitId)) {
      throw new UnprocessableError('A target cascades only to the reps of the team.', [
        { field, message: 'is not a rep of this team in your scope' },
      ]);
    }
    found.push({ userId: rep.userId, orgUnitId: user.orgUnitId, name: user.name });
  }
  return found;
}

/**
 * The targets a PUT would store, checked as it checks them: the subject's own, then for a team each rep's share of it
 * in whole units that add up to it. Reads only.
 */
async function plannedTargets(ctx: PerformanceContext, access: Access, body: SetTargetsBody) {
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
  const base = { metric: body.metric, period: period.key, country: subject.country };
  return [
    { ...base, subject: subject.subject, orgUnitId: subject.orgUnitId, value: body.value, name: undefined },
    ...members.map((m, i) => ({
      ...base,
      subject: { type: 'user' as const, id: m.userId },
      orgUnitId: m.orgUnitId,
      value: shares[i] ?? 0,
      name: m.name,
    })),
  ];
}

/** What `setTargets` would store for this body, with each rep's name; writes nothing. */
export async function previewTargets(ctx: PerformanceContext, access: Access, body: SetTargetsBody): Promise<{ items: TargetPreview[] }> {
  const planned = await plannedTargets(ctx, access, body);
  const items = planned.map((p) => ({
    metric: p.metric,
    period: p.period,
    subject: formatSubject(p.subject),
    value: p.value,
    ...(p.name ? { name: p.name } : {}),
  }));
  return { items };
}

/**
 * Sets a target per metric × period × rep or team; a team's target may cascade to its reps in whole units that add
 * up to it. All targets are written in one transaction, or none.
 */
export async function setTargets(ctx: PerformanceContext, access: Access, body: SetTargetsBody): Promise<{ items: TargetView[] }> {
  const planned = await plannedTargets(ctx, access, body);
  const now = ctx.clock.now();
  const rows = planned.map((p) => ({
    id: uuidv7(),
    metric: p.metric,
    period: p.period,
    set_by: access.caller.userId,
    updated_at: now,
    subject_type: p.subject.type,
    subject_id: p.subject.id,
    org_unit_id: p.orgUnitId,
    country: p.country,
    value: p.value,
  }));
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
