import { resolveAreas } from '@fieldops/area-client';
import { areaCountryConflict, roundMetres } from '@fieldops/geo';
import { type Access, asCaller, ConflictError, UnprocessableError, ValidationError } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import { claimHistoryRepository, holdingRepository } from '../db/holding.repository';
import { type LeadRow, leadRepository } from '../db/lead.repository';
import { capture } from '../domain/lead-pool';
import { leadEvents } from '../events/published';
import { type CreateLeadInput, checkCapture, checkPhone, newLeadRow } from './capture';
import type { DuplicateCandidate } from './find-duplicates';
import { poolPolicyOf, refused } from './pool-policy';
import { readableDuplicates } from './shown-duplicates';

export type { CreateLeadInput } from './capture';

/** How a strong duplicate is shown: the lead the rep can claim instead, or the merchant the store already is. */
export function candidateView(c: DuplicateCandidate) {
  return {
    type: c.type,
    id: c.id,
    name: c.name,
    distance: roundMetres(c.distance),
    score: c.score,
    reasons: c.reasons,
    ...(c.pool === null ? {} : { pool: c.pool }),
  };
}

/**
 * A rep captures a lead: checked for duplicates (a strong match answers 409 with the candidates, so the rep can
 * claim the existing lead; a weak one is created and flagged), then created claimed by the rep, within their limit.
 * Answers the lead and the duplicate it was flagged with, if any.
 */
export async function createLead(
  ctx: LeadsContext,
  access: Access,
  input: CreateLeadInput,
): Promise<{ row: LeadRow; duplicate: DuplicateCandidate | undefined }> {
  const { caller } = access;
  const country = caller.country;
  const phone = checkPhone(ctx, country, input.phone);
  if (!phone.ok) throw new ValidationError([{ field: '/body/phone', message: phone.reason }]);
  // The lead's area is asked for beside the duplicate check (one wait instead of two); a duplicate leaves it unused.
  const [checked, areas] = await Promise.all([
    checkCapture(ctx, country, input, phone.e164),
    resolveAreas(ctx, [input], async () => asCaller(caller.token)),
  ]);
  if (checked.strong.length > 0) {
    const message = checked.strong.some((c) => c.type === 'lead')
      ? 'This lead already exists; claim the existing one instead.'
      : 'This store is already a merchant.';
    // Only what the caller may read is named: the others are known to exist, not who or where they are.
    const readable = await readableDuplicates(ctx, access, checked.strong);
    throw new ConflictError(message, [], {
      code: 'duplicate',
      candidates: checked.strong.filter((c) => readable.has(c.id)).map(candidateView),
    });
  }
  const policy = poolPolicyOf(ctx, country, caller.roles);
  const held = await holdingRepository.ensure(ctx.db, ctx.dialect, caller.userId);
  const now = ctx.clock.now();
  const decision = capture({ userId: caller.userId, held, lostAt: null }, policy, now);
  if (!decision.ok) throw refused(decision);
  const area = areas?.[0];
  const conflict = areaCountryConflict(area, country);
  if (conflict) throw new UnprocessableError(conflict.detail, conflict.problems);
  const areaId = area?.areaId ?? null;
  const duplicate = checked.candidates[0];
  const row = newLeadRow(ctx, checked, input, {
    country,
    ownership: decision,
    orgUnitId: caller.orgUnitId,
    agencyId: caller.agencyId,
    areaId,
    duplicateOf: duplicate?.id ?? null,
    now,
  });
  // On MySQL the capture's writes may be chosen as a deadlock victim against concurrent writers of the same tables:
  // the victim was rolled back whole and runs again, rather than answering 500.
  await ctx.transact(
    async (trx, events) => {
      await leadRepository.insert(trx, row);
      if (!(await holdingRepository.acquire(trx, caller.userId, policy.claimLimit))) {
        throw refused({ ok: false, code: 'limit', message: `You hold the most leads allowed (${policy.claimLimit}).` });
      }
      await claimHistoryRepository.record(trx, row.id, caller.userId, 'claimed', now);
      await events.append(leadEvents.created(row, caller.userId));
    },
    { retryLockConflicts: true },
  );
  return { row, duplicate };
}
