import type { ProgressReporter } from '@fieldops/platform';
import type { PoiContext } from '../config';
import { placeRepository } from '../db/place.repository';
import { DEMO_CITIES } from './demo-cities';
import { generatePlaces } from './generate-places';

export const DEMO_PLACES_PER_CITY = 2500;
const DEMO_SEED = 20_260_105;

/** A few thousand places around each demo city, once: skipped when any place exists. */
export async function seedDemo(ctx: PoiContext, progress: ProgressReporter): Promise<{ summary: string } | undefined> {
  if ((await placeRepository.count(ctx.db)) > 0) return undefined;
  const { count, cities } = await generatePlaces(ctx, DEMO_PLACES_PER_CITY * DEMO_CITIES.length, { seed: DEMO_SEED }, progress);
  return { summary: `Places: ${count} around ${cities.join(', ')}` };
}
