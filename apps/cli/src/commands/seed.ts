import { Host, loadConfig } from '@fieldops/platform';
import { DEMO_CITY_KEYS, poiService, poiTasks } from '@fieldops/poi';
import { type CliIo, type Command, parseCommandArgs, println, splitList, UsageError } from '../command';
import { createProgress } from '../progress/create-progress';
import { runTask } from '../run-task';
import { pickServices } from '../services';

const help = `Usage: fieldops seed --demo [--services <names>]
       fieldops seed --places <N> [--city ${DEMO_CITY_KEYS.join('|')}]

--demo seeds the demo organisation (and each service's demo data) into every service's database, or the named
ones' (comma-separated), then prints the demo logins. Safe to repeat: data already there is left alone.
This is how a distributed installation gets demo data; "fieldops serve" seeds only when embedded.

--places generates N plausible places for load work around one demo city's centre (dense centre, sparse edge),
or around every demo city in turn, with a progress bar. Each run adds N more. Every batch of 250 places
publishes one poi.places.imported.v1 event carrying them, so consumers (search) still see every place.

Settings (environment): DATA_DIR, DATABASE_URL (POI_DATABASE_URL), BUS_URL, CACHE_URL, LOG_LEVEL.`;

async function seedDemo(io: CliIo, serviceNames: string | undefined): Promise<void> {
  const services = pickServices(splitList(serviceNames), 'seed');
  const config = loadConfig(io.env);
  // Not listening, but with the relays running: host.stop() drains them, so the seed's events reach the bus.
  const host = await Host.start({ config, services, listen: false });
  try {
    const summaries = await host.seedDemo(createProgress(io.out));
    if (summaries.length === 0) println(io.out, 'The demo data is already there: nothing seeded.');
    for (const summary of summaries) println(io.out, summary);
  } finally {
    await host.stop();
  }
}

async function generatePlaces(io: CliIo, places: string, cityName: string | undefined): Promise<void> {
  const count = Number(places);
  if (!Number.isSafeInteger(count) || count <= 0) throw new UsageError('--places takes a positive whole number', 'seed');
  const city = DEMO_CITY_KEYS.find((key) => key === cityName);
  if (cityName !== undefined && !city) throw new UsageError(`unknown city "${cityName}"; known: ${DEMO_CITY_KEYS.join(', ')}`, 'seed');
  const on = { config: loadConfig(io.env), services: [poiService] };
  const { result, seconds } = await runTask(io, on, poiTasks.generatePlaces, { count, city });
  println(
    io.out,
    `Places: generated ${result.count} around ${result.cities.join(', ')} in ${seconds.toFixed(1)} s (${Math.round(count / seconds)} places/s)`,
  );
}

export const seedCommand: Command = {
  name: 'seed',
  summary: 'seed demo data (--demo) or generate places for load work (--places N)',
  help,
  async run(args, io) {
    const { values } = parseCommandArgs('seed', {
      args,
      options: { demo: { type: 'boolean' }, services: { type: 'string' }, places: { type: 'string' }, city: { type: 'string' } },
    });
    if (values.places !== undefined) {
      if (values.demo || values.services !== undefined) throw new UsageError('--places runs on its own (no --demo or --services)', 'seed');
      await generatePlaces(io, values.places, values.city);
      return 0;
    }
    if (values.city !== undefined) throw new UsageError('--city goes with --places', 'seed');
    if (!values.demo) throw new UsageError('say what to seed: --demo (the demo organisation) or --places N', 'seed');
    await seedDemo(io, values.services);
    return 0;
  },
};
