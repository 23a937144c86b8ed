import type { AreaSnapshot, UserSnapshot } from '@fieldops/contracts';
import type { ConsumerDefinition } from '@fieldops/platform';
import { areaTree } from '../../app/enrich';
import { referenceRepository } from '../../db/reference.repository';
import type { SearchDb } from '../../db/schema';
import { type IndexingHandler, tracked } from '../tracked';

/** A user's name follows into every document they own. */
const user: IndexingHandler = async (event, trx, ctx, { holder }) => {
  const u = event.data as UserSnapshot;
  const stored = await referenceRepository.user(trx, u.id);
  const row = { id: u.id, name: u.name, org_unit_id: u.orgUnitId, agency_id: u.agencyId, version: u.version };
  if (!(await referenceRepository.putUser(trx, ctx.dialect, row))) return;
  // Also for a user heard of for the first time: their records may have arrived first (another consumer).
  if (stored?.name !== u.name) await holder.renameOwner(u.id, u.name);
};

/** An area's name or parent follows into the path of every document filed in it or below it. */
const area =
  (deleted: boolean): IndexingHandler =>
  async (event, trx, ctx, state) => {
    const a = event.data as AreaSnapshot;
    const before = await areaTree(ctx, trx);
    const row = { id: a.id, parent_id: a.parentId, name: a.name, deleted: deleted ? 1 : 0, version: a.version };
    if (!(await referenceRepository.putArea(trx, ctx.dialect, row))) return;
    state.areas = null;
    const after = await areaTree(ctx, trx);
    const affected = new Set([...before.subtree(a.id), ...after.subtree(a.id)]);
    const paths = new Map<string, string>();
    for (const id of affected) {
      const path = after.path(id);
      if (path !== before.path(id)) paths.set(id, path ?? '');
    }
    if (paths.size > 0) await state.holder.setAreaPaths(paths);
  };

export const referenceEventsConsumer: ConsumerDefinition<SearchDb> = {
  name: 'search.references',
  handlers: {
    'account.user.created.v1': tracked('account', user),
    'account.user.updated.v1': tracked('account', user),
    'account.user.disabled.v1': tracked('account', user),
    'area.area.created.v1': tracked('area', area(false)),
    'area.area.updated.v1': tracked('area', area(false)),
    'area.area.deleted.v1': tracked('area', area(true)),
  },
};
