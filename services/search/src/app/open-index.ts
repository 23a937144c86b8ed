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
  let generation = await location.currentGeneration();
  if (generation === null) {
    generation = newGeneration(ctx);
    const index = await location.open(generation);
    await location.publish(generation);
    ctx.log.info({ generation }, 'search: a new, empty index');
    return { location, index };
  }
  return { location, index: await location.open(generation) };
}
