import { defineService } from '@fieldops/platform';
import { areaRoutes } from './api/areas.routes';
import { assignmentRoutes } from './api/assignments.routes';
import { geometryRoutes } from './api/geometry.routes';
import { areaRpc } from './api/rpc';
import { territoryRoutes } from './api/territory.routes';
import { type AreaContext, type AreaDeps, setupArea } from './config';
import { areaSchema } from './db/migrations/001-area';
import type { AreaDb } from './db/schema';
import { accountDirectoryConsumer } from './events/account-directory.consumer';
import { coverageCheckJob } from './jobs/coverage-check.job';
import { linkSeededJob } from './jobs/link-seeded.job';
import type { AreaMoveSource } from './moves/area-move-source';
import { placeMoveSource } from './moves/place-move-source';
import { seedDemo } from './seed/seed-demo';

export interface AreaServiceOptions {
  /** The owners asked what a geometry change would move; default: places (the POI service). */
  moveSources?: (ctx: AreaContext) => AreaMoveSource[];
  /** Scheduled work intervals (tests shorten them). */
  coverageCheckMs?: number;
  linkSeededMs?: number;
}

/** Territories: the area hierarchy with polygons, point → area resolution, rep assignments and coverage. */
export function createAreaService(options: AreaServiceOptions = {}) {
  return defineService<AreaDb, AreaDeps>({
    name: 'area',
    migrations: [areaSchema],
    setup: setupArea,
    http: {
      prefixes: ['/api/v1/areas'],
      description: 'Territories: areas and their polygons, which area holds a point, rep assignments and who covers a point',
      routes(app, ctx) {
        const { index, settings } = ctx.deps;
        // Static paths (resolve, overlaps, covering) before /areas/:id; Fastify prefers them either way.
        territoryRoutes(app, ctx, index);
        areaRoutes(app, ctx, index);
        assignmentRoutes(app, ctx);
        geometryRoutes(app, ctx, index, (options.moveSources ?? ((c) => [placeMoveSource(c)]))(ctx), settings);
      },
    },
    rpc: (router, ctx) => areaRpc(router, ctx, ctx.deps.index),
    consumes: [accountDirectoryConsumer],
    jobs: [coverageCheckJob(options.coverageCheckMs ?? 60_000), linkSeededJob(options.linkSeededMs ?? 2_000)],
    seedDemo,
  });
}

export const areaService = createAreaService();

export type { AreaDb } from './db/schema';
export type { AreaMoveSource, LocatedRecord, RecordBatch } from './moves/area-move-source';
