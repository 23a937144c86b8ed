import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError, type ConnectRouter } from '@connectrpc/connect';
import { type AreaCovererSchema, type AreaSchema, AreaService } from '@fieldops/contracts';
import { isServiceIdentity, rpcCaller } from '@fieldops/platform';
import type { AreaIndexHolder } from '../app/area-index-holder';
import { visibilityOf } from '../app/area-visibility';
import { type Coverer, coveringAt, coveringFor } from '../app/covering';
import { findAreasByName } from '../app/find-areas-by-name';
import { resolvePoints } from '../app/resolve-points';
import type { AreaContext } from '../config';
import { type AreaRow, areaRepository } from '../db/area.repository';
import { rowBBox } from '../events/published';

const MAX_POINTS = 1000;
const DEFAULT_NAME_MATCHES = 5;
const MAX_NAME_MATCHES = 20;

function toAreaMessage(row: AreaRow): MessageInitShape<typeof AreaSchema> {
  return {
    id: row.id,
    ...(row.parent_id ? { parentId: row.parent_id } : {}),
    kind: row.kind,
    name: row.name,
    code: row.code,
    country: row.country,
    priority: Number(row.priority),
    ...(row.org_unit_id ? { orgUnitId: row.org_unit_id } : {}),
    geometryJson: row.geometry,
    bbox: rowBBox(row),
    version: Number(row.version),
    createdAt: BigInt(row.created_at),
    updatedAt: BigInt(row.updated_at),
  };
}

const toCoverer = (c: Coverer): MessageInitShape<typeof AreaCovererSchema> => ({
  assignmentId: c.assignmentId,
  userId: c.userId,
  role: c.role,
  areaId: c.areaId,
  effectiveFrom: BigInt(c.effectiveFrom),
  ...(c.effectiveTo === null ? {} : { effectiveTo: BigInt(c.effectiveTo) }),
});

/** Reads other services make of this one; coordinates are WGS-84. Every caller's token is verified here too. */
export function areaRpc(router: ConnectRouter, ctx: AreaContext, index: AreaIndexHolder): void {
  router.service(AreaService, {
    async resolveArea(request, context) {
      const caller = rpcCaller(context);
      if (request.points.length > MAX_POINTS) throw new ConnectError(`at most ${MAX_POINTS} points per call`, Code.InvalidArgument);
      // A service acting on its own is a consumer of area events or a job: it must see every change committed so far.
      const resolutions = await resolvePoints(index, request.points, 'WGS84', { latest: isServiceIdentity(caller) });
      return {
        results: resolutions.map((found) => (found ? { areaId: found.areaId, country: found.country, path: found.path } : { path: [] })),
      };
    },
    async findAreasByName(request, context) {
      rpcCaller(context);
      if (!/^[A-Z]{2}$/.test(request.country)) throw new ConnectError('country must be ISO 3166-1 alpha-2', Code.InvalidArgument);
      if (!/\p{L}|\p{N}/u.test(request.name)) throw new ConnectError('name must have a letter or digit', Code.InvalidArgument);
      if (request.limit < 0 || request.limit > MAX_NAME_MATCHES)
        throw new ConnectError(`limit must be in 0..${MAX_NAME_MATCHES}`, Code.InvalidArgument);
      const areas = await findAreasByName(index, request.name, request.country, request.limit || DEFAULT_NAME_MATCHES);
      return { areas };
    },
    async getArea(request, context) {
      const row = await areaRepository.findById(ctx.db, request.id, await visibilityOf(ctx, rpcCaller(context)));
      if (!row) throw new ConnectError('area not found', Code.NotFound);
      return { area: toAreaMessage(row) };
    },
    async coveringReps(request, context) {
      const caller = rpcCaller(context);
      if (!request.point) throw new ConnectError('a point is required', Code.InvalidArgument);
      const at = request.at === undefined ? ctx.clock.now() : Number(request.at);
      // A FieldOps service routing work sees every coverer; a user only those of the areas they may see.
      const covering = isServiceIdentity(caller)
        ? await coveringAt(ctx.db, index, request.point, at)
        : await coveringFor(ctx, { caller, scope: await visibilityOf(ctx, caller) }, index, request.point, at);
      return {
        ...(covering.areaId ? { areaId: covering.areaId } : {}),
        path: covering.path,
        primary: covering.primary.map(toCoverer),
        backups: covering.backups.map(toCoverer),
        managers: covering.managers.map(toCoverer),
      };
    },
  });
}
