import { defineService, type Principal, type ProgressReporter, type ServiceDefinition, taskRefs } from '@fieldops/platform';
import { geocodeRoutes } from './api/geocode.routes';
import { placeRoutes } from './api/places.routes';
import { poiRpc } from './api/rpc';
import { areaLookupFor } from './app/area-lookup';
import { knownPlaces } from './app/known-places';
import { type PoiContext, poiSettings } from './config';
import { poiSchema } from './db/migrations/001-poi';
import { nearbyBandSchema } from './db/migrations/002-nearby-band';
import type { PoiDb } from './db/schema';
import { areaChangedConsumer } from './events/handlers/area-changed.handler';
import { createGeocoder } from './geocoding/create-geocoder';
import { type GeneratePlacesOptions, generatePlaces } from './seed/generate-places';
import { seedDemo } from './seed/seed-demo';

type Seed = (ctx: PoiContext, progress: ProgressReporter) => Promise<{ summary: string } | undefined>;

const tasks = {
  /** `fieldops seed --places`: `count` more generated places for load work; answers how many and around which cities. */
  generatePlaces: (ctx: PoiContext, args: { count: number } & GeneratePlacesOptions, progress: ProgressReporter) =>
    generatePlaces(ctx, args.count, args, progress),
};

/** The poi service's tasks, for `host.runTask`. */
export const poiTasks = taskRefs('poi', tasks);

function manifest(seed: Seed) {
  return defineService<PoiDb>({
    name: 'poi',
    migrations: [poiSchema, nearbyBandSchema],
    http: {
      prefixes: ['/api/v1/places', '/api/v1/geocode'],
      description: 'Places (points of interest): nearby search, duplicates, merges, geocoding',
      routes(app, ctx) {
        const settings = poiSettings(ctx.config.env);
        const places = knownPlaces(ctx);
        const shared = settings.geocoderUrl ? createGeocoder(settings, places) : undefined;
        const geocoderFor = (caller: Principal) => shared ?? createGeocoder(settings, places, areaLookupFor(ctx, caller));
        placeRoutes(app, ctx);
        geocodeRoutes(app, ctx, geocoderFor);
      },
    },
    rpc: poiRpc,
    consumes: [areaChangedConsumer],
    seedDemo: seed,
    tasks,
  });
}

/** Places: where merchants are. Nearby search on H3 cells, duplicates, merges, geocoding; WGS-84 inside, GCJ-02 at the edge in China. */
export const poiService: ServiceDefinition = manifest(seedDemo);

/** The poi service whose demo data is `count` generated places instead of the demo set (tests and benchmarks). */
export function placeGeneratorService(count: number, options: GeneratePlacesOptions): ServiceDefinition {
  return manifest(async (ctx, progress) => {
    const { count: written, cities } = await generatePlaces(ctx, count, options, progress);
    return { summary: `Places: generated ${written} around ${cities.join(', ')}` };
  });
}

export type { PoiDb } from './db/schema';
export { DEMO_CITY_KEYS, type DemoCityKey } from './seed/demo-cities';
export { type GeneratedPlaces, type GeneratePlacesOptions, generatePlaces } from './seed/generate-places';
