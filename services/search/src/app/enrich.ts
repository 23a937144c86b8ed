import type { Transaction } from 'kysely';
import type { SearchContext } from '../config';

import { referenceRepository } from '../db/reference.repository';
import type { SearchDb } from '../db/schema';
import { AreaTree } from '../domain/area-tree';
import type { Enrichment } from '../domain/documents';

type Db = Transaction<SearchDb> | SearchContext['db'];

/** The area tree from the areas search has been told of; cached until an area event changes it. */
export async function areaTree(ctx: SearchContext, db: Db): Promise<AreaTree> {
  const state = ctx.deps;
  if (!state.areas) {
    const rows = await referenceRepository.allAreas(db);
    state.areas = new AreaTree(rows.filter((r) => !r.deleted).map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name })));
  }
  return state.areas;
}

/** The owner's name, the area's path and (for a merchant) its last verified visit and whether a ticket is open. */
export async function enrichmentOf(
  ctx: SearchContext,
  db: Db,
  record: { ownerId: string | null; areaId: string | null; merchantId?: string },
): Promise<Enrichment> {
  const owner = await referenceRepository.user(db, record.ownerId);
  const tree = await areaTree(ctx, db);
  const lastVisit = record.merchantId ? await referenceRepository.lockLastVerifiedVisit(db, ctx.dialect, record.merchantId) : 0;
  const enrichment: Enrichment = {
    ownerName: owner?.name ?? null,
    areaPath: tree.path(record.areaId),
    lastVerifiedVisitAt: lastVisit > 0 ? lastVisit : null,
  };
  if (record.merchantId) {
    enrichment.hasOpenTicket = (await referenceRepository.withOpenTickets(db, ctx.dialect, [record.merchantId], true)).has(
      record.merchantId,
    );
  }
  return enrichment;
}
