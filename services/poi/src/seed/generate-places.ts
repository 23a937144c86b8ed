import type { ProgressReporter } from '@fieldops/platform';
import { importPlaces } from '../app/import-places';
import type { PoiContext } from '../config';
import { placeRepository } from '../db/place.repository';
import { DEMO_CITIES, type DemoCityKey, demoCity } from './demo-cities';
import { placeDrafts } from './place-generator';

export interface GeneratePlacesOptions {
  /** One city, or every demo city in turn when left out. */
  city?: DemoCityKey;
  /** The same seed writes the same places (new ids); by default, the number of places already there. */
  seed?: number;
}

export interface GeneratedPlaces {
  count: number;
  cities: string[];
}

/**
 * Generates `count` plausible places around demo city centres (load and demo data), with their import events.
 * `fieldops seed --places N [--city …]` runs this.
 */
export async function generatePlaces(
  ctx: PoiContext,
  count: number,
  options: GeneratePlacesOptions,
  progress: ProgressReporter,
): Promise<GeneratedPlaces> {
  const city = options.city ? demoCity(options.city) : undefined;
  if (options.city && !city) throw new Error(`unknown city "${options.city}"`);
  const cities = city ? [city] : DEMO_CITIES;
  const seed = options.seed ?? (await placeRepository.count(ctx.db));
  progress.start(count, `poi: places around ${cities.map((c) => c.name).join(', ')}`);
  try {
    const written = await importPlaces(ctx, placeDrafts(cities, count, seed), 'system', progress);
    return { count: written, cities: cities.map((c) => c.name) };
  } finally {
    progress.stop();
  }
}
