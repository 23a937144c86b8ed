import type { SearchSetupContext } from '../config';
import { indexLocation } from '../db/create-search-index';
import type { IndexLocation } from '../db/index-location';
import type { SearchIndex } from '../db/search-index';

/** A new generation's name: sortable, unique enough for one installation's rebuilds. */
export function newGeneration(ctx: SearchSetupContext): string {
  return `${ctx.clock.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/** The index that serves: the published generation, or a new empty one on a first start. */
export async function openServingIndex(ctx: SearchSetupContext): Promise<{ location: IndexLocation; index: SearchIndex }> {
  const location = indexLocation(ctx.config.searchUrl);
  const generation = await location.currentGeneration();
  if (generation === null) {
    const mine = newGeneration(ctx);
    const index = await location.open(mine);
    const serving = await location.publishFirst(mine);
    if (serving === mine) {
      ctx.log.info({ generation: mine }, 'search: a new, empty index');
      return { location, index };
    }
    // Another replica started at the same moment and published its own first: both must write and read that one.
    await index.close();
    return { location, index: await location.open(serving) };
  }
  return { location, index: await location.open(generation) };
}
