import type { Transaction } from 'kysely';
import { type LeadRow, leadRepository } from '../db/lead.repository';
import type { LeadsDb } from '../db/schema';
import type { Ownership, PoolState } from '../domain/lead-pool';
import { lostRace } from './pool-policy';

export function poolStateOf(row: LeadRow): PoolState {
  return {
    ownerId: row.owner_id,
    stage: row.stage,
    claimedAt: row.claimed_at,
    protectedUntil: row.protected_until,
    warnedFor: row.warned_for,
  };
}

type Changes = Partial<Omit<LeadRow, 'id' | 'version' | 'created_at'>>;
type Extra = Omit<Changes, keyof OwnershipColumns>;
interface OwnershipColumns {
  owner_id: string | null;
  pool: LeadRow['pool'];
  claimed_at: number | null;
  protected_until: number | null;
  warned_for: number | null;
}

/**
 * Writes a pool decision with the conditional update (`version = ?`, and `owner_id IS NULL` for a claim): of
 * concurrent writers exactly one succeeds, the others answer 409.
 */
export async function writeOwnership(
  trx: Transaction<LeadsDb>,
  lead: LeadRow,
  decision: Ownership,
  now: number,
  extra: Extra = {},
  options: { unowned?: boolean } = {},
): Promise<LeadRow> {
  const changes = {
    owner_id: decision.ownerId,
    pool: decision.pool,
    claimed_at: decision.claimedAt,
    protected_until: decision.protectedUntil,
    warned_for: decision.warnedFor,
    ...extra,
    updated_at: now,
  };
  if (!(await leadRepository.update(trx, lead.id, lead.version, changes, options))) throw lostRace();
  return { ...lead, ...changes, version: lead.version + 1 };
}

/** Writes other changes of a lead with the same optimistic check. */
export async function writeLead(trx: Transaction<LeadsDb>, lead: LeadRow, changes: Changes, now: number): Promise<LeadRow> {
  const all = { ...changes, updated_at: now };
  if (!(await leadRepository.update(trx, lead.id, lead.version, all))) throw lostRace();
  return { ...lead, ...all, version: lead.version + 1 };
}
