import type { ServiceContext, SetupContext } from '@fieldops/platform';
import { AreaIndexHolder } from './app/area-index-holder';
import type { AreaDb } from './db/schema';

/** What one running area service builds once (`ctx.deps`): its settings and its spatial index of every area. */
export interface AreaDeps {
  settings: AreaSettings;
  index: AreaIndexHolder;
}

export type AreaContext = ServiceContext<AreaDb, AreaDeps>;

export function setupArea(ctx: SetupContext<AreaDb>): AreaDeps {
  const settings = areaSettings(ctx.config.env);
  return { settings, index: new AreaIndexHolder(ctx.db, settings.indexPollMs) };
}

export interface AreaSettings {
  /** How often a replica checks whether another one changed the areas (one single-row read). */
  indexPollMs: number;
  /** How long a geometry preview can be applied. */
  previewTtlMs: number;
  /** How often the scheduled coverage check runs (effective dates that started or ended). */
  coverageCheckMs: number;
  /** At most this many records per source are examined by one preview. */
  previewRecordLimit: number;
}

export function areaSettings(env: Record<string, string | undefined>): AreaSettings {
  return {
    indexPollMs: Number(env.AREA_INDEX_POLL_MS) || 1000,
    previewTtlMs: Number(env.AREA_PREVIEW_TTL_MS) || 60 * 60 * 1000,
    coverageCheckMs: Number(env.AREA_COVERAGE_CHECK_MS) || 60 * 1000,
    previewRecordLimit: Number(env.AREA_PREVIEW_RECORD_LIMIT) || 20_000,
  };
}
