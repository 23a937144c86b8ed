import { areaTree } from '../../app/enrich';
import { referenceRepository } from '../../db/reference.repository';
import { type IndexingHandler, type SearchConsumer, tracked } from '../tracked';

/** A user's name follows into every document they own. */
const user: IndexingHandler<'account.user.created.v1' | 'account.user.updated.v1' | 'account.user.disabled.v1'> = async (
  event,
  trx,
  ctx,
  { holder },
) => {
  const u = event.data;
  const stored = await referenceRepository.user(trx, u.id);
  const row = { id: u.id, name: u.name, org_unit_id: u.orgUnitId, agency_id: u.agencyId, version: u.version };
  if (!(await referenceRepository.putUser(trx, ctx.dialect, row))) return;
  // Also for a user heard of for the first time: their records may have arrived first (another consumer).
  if (stored?.name !== u.name) await holder.renameOwner(u.id, u.name);
};

/** An area's name or parent follows into the path of every document filed in it or below it. */
const area =
  (deleted: boolean): IndexingHandler<'area.area.created.v1' | 'area.area.updated.v1' | 'area.area.deleted.v1'> =>
  async (event, trx, ctx, state) => {
    const a = event.data;
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

export const referenceEventsConsumer: SearchConsumer = {
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
