import type { JobDefinition } from '@fieldops/platform';
import { linkSeeded } from '../app/link-seeded';
import type { AreaDeps } from '../config';
import type { AreaDb } from '../db/schema';

/** The demo seed's assignments and org-unit links, carried out once the account service's events have arrived. */
export function linkSeededJob(everyMs: number): JobDefinition<AreaDb, AreaDeps> {
  return {
    name: 'link-seeded',
    everyMs,
    async run(ctx) {
      await linkSeeded(ctx);
    },
  };
}
