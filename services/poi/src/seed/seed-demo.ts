import type { ProgressReporter } from '@fieldops/platform';
import type { PoiContext } from '../config';
import { placeRepository } from '../db/place.repository';
import { DEMO_CITIES } from './demo-cities';
import { generatePlaces } from './generate-places';

/** Ten thousand demo places in all, shared by the demo cities: a new country pack does not make the demo slower. */
export const DEMO_PLACES_PER_CITY = Math.floor(10_000 / DEMO_CITIES.length);
const DEMO_SEED = 20_260_105;

/** Places around each demo city, once: skipped when any place exists. */
export async function seedDemo(ctx: PoiContext, progress: ProgressReporter): Promise<{ summary: string } | undefined> {
  if ((await placeRepository.count(ctx.db)) > 0) return undefined;
  const { count, cities } = await generatePlaces(ctx, DEMO_PLACES_PER_CITY * DEMO_CITIES.length, { seed: DEMO_SEED }, progress);
  return { summary: `Places: ${count} around ${cities.join(', ')}` };
}
