import type { JobDefinition } from '@fieldops/platform';
import { checkCoverage } from '../app/check-coverage';
import type { AreaDeps } from '../config';
import type { AreaDb } from '../db/schema';

/** Publishes coverage that changed because an effective date passed (see checkCoverage). */
export function coverageCheckJob(everyMs: number): JobDefinition<AreaDb, AreaDeps> {
  return {
    name: 'coverage-check',
    everyMs,
    async run(ctx) {
      await checkCoverage(ctx);
    },
  };
}
