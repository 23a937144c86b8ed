import { accountService, DEMO_PASSWORD } from '@fieldops/account';
import { createGateway } from '@fieldops/gateway';
import { distanceMeters, type LatLng } from '@fieldops/geo';
import type { ProgressReporter } from '@fieldops/platform';
import { placeGeneratorService } from '@fieldops/poi';
// Below the service's API: the search GET /api/v1/places/nearby runs, and the demo cities' shapes.
import { demoCity, searchNearby } from '@fieldops/poi/benchmark';
import pg from 'pg';
import { type BenchHost, embeddedSetup, login, runAll, startBenchHost } from './bench-host';
import { type LoadResult, LoadTarget } from './http-load';
import { copyInto, createPostgisDatabase, type PostgisDatabase } from './postgis';
import { CallTarget, pointsInDisc, seededRandom } from './sampling';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

const CITY = 'sg';
const USER = 'rep1.sg@fieldops.test';
const DEFAULT_PLACES = 1_000_000;
const PLACE_SEED = 1;
const POINT_SEED = 20_260_301;
const RADIUS_M = 2000;
const LIMIT = 50;
/** Measured points at concurrency 1, the same for every method, in rounds that rotate which method goes first. */
const QUERIES = 2000;
const ROUNDS = 4;
const WARMUP = 100;
/** The short throughput run. */
const CONCURRENCY = 8;
const CONCURRENT_QUERIES = 1000;
/** Points at which the methods' ids are compared. */
const VERIFY = 20;
/** Two places this close in distance from the point (metres) may come in either order: a tie, not a mismatch. */
const TIE_M = 0.001;
/** Rows per read from SQLite while copying the places into PostgreSQL. */
const COPY_PAGE = 20_000;
/** The gateway's per-user budget (600 a minute by default) would turn the load into 429s. */
const UNLIMITED = { RATE_LIMIT_MAX: String(1_000_000_000) };

type PoiDatabase = Parameters<typeof searchNearby>[0];

/** One way of asking "the 50 places nearest this point within 2 km", timed over the same points as the others. */
interface Method {
  name: string;
  concurrency: number;
  warmUp(points: readonly LatLng[]): Promise<void>;
  measure(points: readonly LatLng[]): Promise<void>;
  result(): LoadResult;
  close(): Promise<void>;
}

export interface NearbySetup {
  kind: 'setup';
  setup: string;
  city: string;
  places: number;
  generationSeconds: number;
  placesPerSecond: number;
  radiusM: number;
  limit: number;
  /** Query points, drawn evenly over this disc around the city centre. */
  pointsWithinM: number;
  postgis:
    | {
        version: string;
        copySeconds: number;
        indexSeconds: number;
        /** Each form once at the city centre unprepared: the plan PostgreSQL makes for those exact values. */
        unpreparedAtCentreMs: Record<PostgisQuery, number>;
      }
    | { skipped: string };
  /** At `VERIFY` points, each method's ids against the raw lookup's. */
  verification: Record<string, Agreements>;
}

export interface NearbyMeasured extends LoadResult {
  kind: 'query';
  method: string;
  concurrency: number;
  /** At concurrency 1: this method's figure ÷ the raw lookup's. */
  p50Ratio?: number;
  p99Ratio?: number;
  meanRatio?: number;
}

export type NearbyResult = NearbySetup | NearbyMeasured;

interface Located {
  id: string;
  lat: number;
  lng: number;
}

interface Agreements {
  same: number;
  /** Other order or another 50th place only among places at equal distance. */
  ties: number;
  different: number;
  /** The method or the raw lookup failed at the point. */
  failed: number;
}

function placeCount(): number {
  const raw = process.env.BENCH_PLACES;
  if (raw === undefined || raw === '') return DEFAULT_PLACES;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1000 || count > 10_000_000) {
    throw new Error(`BENCH_PLACES must be a whole number from 1,000 to 10,000,000, not "${raw}"`);
  }
  return count;
}

/** Prints each seed phase's progress every tenth (phases of 10,000 records or more) and times it. */
class SeedProgress implements ProgressReporter {
  readonly phases: { label: string; count: number; seconds: number }[] = [];
  private label = '';
  private total = 0;
  private done = 0;
  private started = 0;
  private nextReport = 0;

  constructor(private readonly progress: Progress) {}

  start(total: number, label: string): void {
    this.label = label;
    this.total = total;
    this.done = 0;
    this.started = performance.now();
    this.nextReport = total >= 10_000 ? total / 10 : Number.POSITIVE_INFINITY;
    this.progress(`${label}: ${num(total)} to write`);
  }

  tick(count = 1): void {
    this.done += count;
    if (this.done < this.nextReport) return;
    this.nextReport += this.total / 10;
    const seconds = (performance.now() - this.started) / 1000;
    const share = Math.round((100 * this.done) / this.total);
    this.progress(
      `${this.label}: ${num(this.done)}/${num(this.total)} (${share} %) in ${num(seconds, 1)} s, ${num(this.done / seconds)}/s`,
    );
  }

  stop(): void {
    this.phases.push({ label: this.label, count: this.done, seconds: (performance.now() - this.started) / 1000 });
  }
}

const nearbyPath = (point: LatLng) => `/api/v1/places/nearby?lat=${point.lat}&lng=${point.lng}&radius=${RADIUS_M}&limit=${LIMIT}`;

function httpMethod(name: string, url: string, token: string, concurrency: number): Method {
  const target = new LoadTarget({ url, headers: { authorization: `Bearer ${token}` }, concurrency });
  return {
    name,
    concurrency,
    warmUp: (batch) => target.warmUp(batch.map(nearbyPath)),
    measure: (batch) => target.measure(batch.map(nearbyPath)),
    result: () => target.result(),
    close: () => target.close(),
  };
}

function callMethod(name: string, concurrency: number, call: (point: LatLng) => Promise<unknown>, close = async () => {}): Method {
  const target = new CallTarget(call, concurrency);
  return {
    name,
    concurrency,
    warmUp: (batch) => target.warmUp(batch),
    measure: (batch) => target.measure(batch),
    result: () => target.result(),
    close,
  };
}

/** `$1` lat, `$2` lng, `$3` radius (m), `$4` limit; spherical distances, as the poi service measures them. */
const POINT = 'ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography';
const POSTGIS_QUERIES = {
  /** As a nearby query is usually written: the radius filter (index condition), then nearest first. */
  dwithin: `SELECT id, lat, lng FROM place WHERE ST_DWithin(geog, ${POINT}, $3, false) ORDER BY geog <-> ${POINT} LIMIT $4`,
  /** The same answer: the `limit` nearest (a KNN index scan), then those within the radius. */
  knn: `SELECT id, lat, lng FROM (SELECT id, lat, lng, geog, geog <-> ${POINT} AS distance FROM place ORDER BY geog <-> ${POINT} LIMIT $4) AS nearest WHERE ST_DWithin(geog, ${POINT}, $3, false) ORDER BY distance`,
};
type PostgisQuery = keyof typeof POSTGIS_QUERIES;

async function postgisNearby(client: pg.Client | pg.Pool, query: PostgisQuery, point: LatLng): Promise<Located[]> {
  const result = await client.query<Located>({
    name: `nearby_${query}`,
    text: POSTGIS_QUERIES[query],
    values: [point.lat, point.lng, RADIUS_M, LIMIT],
  });
  return result.rows;
}

function locatedItems(body: unknown): Located[] {
  if (typeof body !== 'object' || body === null || !('items' in body) || !Array.isArray(body.items)) {
    throw new Error(`GET nearby answered no items: ${JSON.stringify(body).slice(0, 200)}`);
  }
  return body.items.map((item: unknown) => {
    if (typeof item !== 'object' || item === null || !('id' in item) || !('lat' in item) || !('lng' in item)) {
      throw new Error(`GET nearby answered an item without id, lat and lng: ${JSON.stringify(item)}`);
    }
    const { id, lat, lng } = item;
    if (typeof id !== 'string' || typeof lat !== 'number' || typeof lng !== 'number')
      throw new Error('GET nearby answered a malformed item');
    return { id, lat, lng };
  });
}

function agreement(centre: LatLng, reference: Located[], other: Located[]): 'same' | 'ties' | 'different' {
  if (reference.length !== other.length) return 'different';
  let ties = false;
  for (const [i, expected] of reference.entries()) {
    const actual = other[i];
    if (!actual) return 'different';
    if (actual.id === expected.id) continue;
    if (Math.abs(distanceMeters(centre, actual) - distanceMeters(centre, expected)) > TIE_M) return 'different';
    ties = true;
  }
  return ties ? 'ties' : 'same';
}

/** How each method answers at `points` against the raw lookup; checked before anything is timed. */
async function verify(
  points: readonly LatLng[],
  raw: (point: LatLng) => Promise<Located[]>,
  others: Record<string, (point: LatLng) => Promise<Located[]>>,
): Promise<Record<string, Agreements>> {
  const counts: Record<string, Agreements> = {};
  for (const name of Object.keys(others)) counts[name] = { same: 0, ties: 0, different: 0, failed: 0 };
  for (const point of points) {
    const reference = await raw(point).catch(() => undefined);
    for (const [name, answer] of Object.entries(others)) {
      const tally = counts[name];
      if (!tally) continue;
      const located = reference && (await answer(point).catch(() => undefined));
      if (!reference || !located) tally.failed++;
      else tally[agreement(point, reference, located)]++;
    }
  }
  return counts;
}

/** Every place's id, location and category as COPY text lines, read from the poi database in id order. */
async function* placeLines(db: PoiDatabase): AsyncGenerator<string> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('place')
      .select(['id', 'lat', 'lng', 'category'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(COPY_PAGE)
      .execute();
    const last = rows.at(-1);
    if (!last) return;
    yield rows.map((r) => `${r.id}\t${r.lat}\t${r.lng}\t${r.category}\n`).join('');
    after = last.id;
  }
}

async function loadPostgis(database: PostgisDatabase, db: PoiDatabase, places: number, progress: Progress) {
  const { client } = database;
  const version = (await client.query<{ v: string }>('SELECT postgis_lib_version() AS v')).rows[0]?.v ?? '?';
  await client.query(`CREATE TABLE place (
    id text PRIMARY KEY,
    lat double precision NOT NULL,
    lng double precision NOT NULL,
    category text NOT NULL,
    geog geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography) STORED
  )`);
  progress(`PostGIS ${version}: copying ${num(places)} places (id, lat, lng, category) into ${database.name}`);
  let started = performance.now();
  const copied = await copyInto(client, 'place', ['id', 'lat', 'lng', 'category'], placeLines(db));
  if (copied !== places) throw new Error(`copied ${copied} places into PostgreSQL, but the poi database holds ${places}`);
  const copySeconds = (performance.now() - started) / 1000;
  progress(`PostGIS: copied in ${num(copySeconds, 1)} s; building the GiST index on geog`);
  started = performance.now();
  await client.query('CREATE INDEX place_geog ON place USING gist (geog)');
  const indexSeconds = (performance.now() - started) / 1000;
  await client.query('ANALYZE place');
  return { version, copySeconds, indexSeconds };
}

/** One query with the values inline in its plan (an unnamed statement: a custom plan), timed. */
async function unprepared(client: pg.Client, query: PostgisQuery, point: LatLng): Promise<number> {
  const started = performance.now();
  await client.query(POSTGIS_QUERIES[query], [point.lat, point.lng, RADIUS_M, LIMIT]);
  return performance.now() - started;
}

async function countPlaces(db: PoiDatabase): Promise<number> {
  const row = await db
    .selectFrom('place')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Nearby over a million places in one dense city: through HTTP (gateway and poi in one host) against the search
 * function the route runs, called directly; and PostGIS on the same places when PostgreSQL answers.
 */
export async function runNearbySuite(progress: Progress): Promise<SuiteOutcome<NearbyResult>> {
  const count = placeCount();
  const city = demoCity(CITY);
  if (!city) throw new Error(`the poi service has no demo city "${CITY}"`);
  const setup = embeddedSetup();
  let bench: BenchHost | undefined;
  let database: PostgisDatabase | undefined;
  const methods: Method[] = [];
  try {
    progress(`starting account + poi with the gateway in one host, SQLite in ${setup.env.DATA_DIR}`);
    const services = [accountService, placeGeneratorService(count, { city: CITY, seed: PLACE_SEED })];
    bench = await startBenchHost({ setup, services, edge: createGateway({ services }), env: UNLIMITED });
    const seeding = new SeedProgress(progress);
    await bench.host.seedDemo(seeding);
    const generation = seeding.phases.find((phase) => phase.label.startsWith('poi'));
    if (!generation || generation.count !== count) throw new Error(`generatePlaces wrote ${generation?.count ?? 0} of ${count} places`);
    const poi = bench.host.service('poi');
    if (!poi) throw new Error('the host runs no poi service');
    progress('publishing the import events the generation wrote, so that the relay is idle while measuring');
    await poi.relay.drain();
    // The poi service's own connection (the same the route uses), seen with its tables.
    const db = poi.db as unknown as PoiDatabase;
    const stored = await countPlaces(db);
    if (stored !== count) throw new Error(`the poi database holds ${stored} places, not ${count}`);
    const token = await login(bench.url, USER, DEMO_PASSWORD);
    const scope = { country: city.country };

    const postgis = await createPostgisDatabase();
    let postgisSetup: NearbySetup['postgis'];
    if (typeof postgis === 'string') {
      progress(`PostGIS skipped: ${postgis}`);
      postgisSetup = { skipped: postgis };
    } else {
      database = postgis;
      const loaded = await loadPostgis(postgis, db, count, progress);
      progress('PostGIS: each form once, unprepared, at the city centre');
      const unpreparedAtCentreMs = {
        dwithin: await unprepared(postgis.client, 'dwithin', city.centre),
        knn: await unprepared(postgis.client, 'knn', city.centre),
      };
      postgisSetup = { ...loaded, unpreparedAtCentreMs };
    }

    const random = seededRandom(POINT_SEED);
    const points = pointsInDisc(city.centre, city.meanDistance, QUERIES, random);
    const warmUpPoints = pointsInDisc(city.centre, city.meanDistance, WARMUP, random);
    const rawSearch = (point: LatLng) => searchNearby(db, { centre: point, radius: RADIUS_M, limit: LIMIT, scope });
    const url = bench.url;
    const httpSearch = async (point: LatLng): Promise<Located[]> => {
      const response = await fetch(`${url}${nearbyPath(point)}`, { headers: { authorization: `Bearer ${token}` } });
      const body: unknown = await response.json();
      if (response.status !== 200) throw new Error(`GET nearby answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      return locatedItems(body);
    };

    progress(`comparing the ids each method answers at ${VERIFY} points`);
    const others: Record<string, (point: LatLng) => Promise<Located[]>> = { HTTP: httpSearch };
    const pgClient = database?.client;
    if (pgClient) {
      others['PostGIS DWithin + <->'] = (point) => postgisNearby(pgClient, 'dwithin', point);
      others['PostGIS <-> then DWithin'] = (point) => postgisNearby(pgClient, 'knn', point);
    }
    const rawLocated = async (point: LatLng) =>
      (await rawSearch(point)).hits.map(({ row }) => ({ id: row.id, lat: row.lat, lng: row.lng }));
    const verification = await verify(points.slice(0, VERIFY), rawLocated, others);

    const http = httpMethod('HTTP GET /places/nearby', url, token, 1);
    const raw = callMethod('raw searchNearby (SQLite, H3)', 1, rawSearch);
    methods.push(http, raw);
    if (pgClient) {
      methods.push(callMethod('PostGIS DWithin + <->', 1, (point) => postgisNearby(pgClient, 'dwithin', point)));
      methods.push(callMethod('PostGIS <-> then DWithin', 1, (point) => postgisNearby(pgClient, 'knn', point)));
    }
    progress(`warm-up: ${WARMUP} queries per method`);
    for (const method of methods) await method.warmUp(warmUpPoints);
    const perRound = QUERIES / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      const batch = points.slice(round * perRound, (round + 1) * perRound);
      const order = methods.map((_, i) => methods[(i + round) % methods.length]);
      progress(`round ${round + 1}/${ROUNDS}: ${batch.length} points × ${methods.length} methods at concurrency 1`);
      for (const method of order) await method?.measure(batch);
    }

    const concurrent: Method[] = [httpMethod('HTTP GET /places/nearby', url, token, CONCURRENCY)];
    if (database) {
      const pool = new pg.Pool({ connectionString: database.url, max: CONCURRENCY, connectionTimeoutMillis: 3000 });
      concurrent.push(
        callMethod(
          'PostGIS <-> then DWithin',
          CONCURRENCY,
          (point) => postgisNearby(pool, 'knn', point),
          () => pool.end(),
        ),
      );
    }
    methods.push(...concurrent);
    for (const method of concurrent) {
      progress(`${method.name}: ${CONCURRENT_QUERIES} queries at concurrency ${CONCURRENCY}`);
      await method.warmUp(warmUpPoints);
      await method.measure(points.slice(0, CONCURRENT_QUERIES));
    }

    const rawResult = raw.result();
    const measured: NearbyMeasured[] = methods.map((method) => {
      const result = method.result();
      const ratios =
        method.concurrency === 1
          ? {
              p50Ratio: result.latencyMs.p50 / rawResult.latencyMs.p50,
              p99Ratio: result.latencyMs.p99 / rawResult.latencyMs.p99,
              meanRatio: result.latencyMs.mean / rawResult.latencyMs.mean,
            }
          : {};
      return { kind: 'query', method: method.name, concurrency: method.concurrency, ...result, ...ratios };
    });
    const setupResult: NearbySetup = {
      kind: 'setup',
      setup: setup.label,
      city: city.name,
      places: count,
      generationSeconds: generation.seconds,
      placesPerSecond: count / generation.seconds,
      radiusM: RADIUS_M,
      limit: LIMIT,
      pointsWithinM: city.meanDistance,
      postgis: postgisSetup,
      verification,
    };
    return { results: [setupResult, ...measured], table: nearbyTable(setupResult, measured) };
  } finally {
    const opened = database;
    await runAll([
      ...methods.map((method) => () => method.close()),
      async () => {
        if (!opened) return;
        progress(`dropping ${opened.name}`);
        await opened.drop();
      },
      async () => bench?.stop(),
    ]);
  }
}

function nearbyTable(setup: NearbySetup, results: NearbyMeasured[]): string {
  const columns = [
    { header: `nearby ${num(setup.radiusM)} m, limit ${setup.limit}` },
    { header: 'conc', align: 'right' },
    { header: 'queries', align: 'right' },
    { header: 'errors', align: 'right' },
    { header: 'q/s', align: 'right' },
    { header: 'p50 ms', align: 'right' },
    { header: 'p99 ms', align: 'right' },
    { header: 'mean ms', align: 'right' },
    { header: 'max ms', align: 'right' },
    { header: 'p50 ÷ raw', align: 'right' },
    { header: 'p99 ÷ raw', align: 'right' },
    { header: 'mean ÷ raw', align: 'right' },
  ] as const;
  const rows = results.map((r) => [
    r.method,
    String(r.concurrency),
    num(r.requests),
    num(r.errors),
    num(r.requestsPerSecond),
    num(r.latencyMs.p50, 2),
    num(r.latencyMs.p99, 2),
    num(r.latencyMs.mean, 2),
    num(r.latencyMs.max, 1),
    r.p50Ratio === undefined ? '' : num(r.p50Ratio, 2),
    r.p99Ratio === undefined ? '' : num(r.p99Ratio, 2),
    r.meanRatio === undefined ? '' : num(r.meanRatio, 2),
  ]);
  const { postgis: pgSetup } = setup;
  const postgis =
    'skipped' in pgSetup
      ? [`PostGIS skipped: ${pgSetup.skipped}`]
      : [
          `PostGIS ${pgSetup.version} (PostgreSQL on the same 2 cores, default settings, node-postgres over 127.0.0.1): COPY ${num(setup.places)} rows ${num(pgSetup.copySeconds, 1)} s, GiST index on geography(Point) ${num(pgSetup.indexSeconds, 1)} s; "<-> then DWithin" takes the ${setup.limit} nearest by a KNN index scan and keeps those within ${num(setup.radiusM)} m (the same answer)`,
          `PostGIS statements are prepared: from the 6th run on, PostgreSQL keeps a generic plan (a KNN index scan for both forms; the warm-up covers the first runs); unprepared at the city centre, DWithin + <-> took ${num(pgSetup.unpreparedAtCentreMs.dwithin, 1)} ms, <-> then DWithin ${num(pgSetup.unpreparedAtCentreMs.knn, 1)} ms`,
        ];
  const verification = Object.entries(setup.verification)
    .map(
      ([name, a]) =>
        `${name} ${a.different + a.failed} mismatches (${a.same} same, ${a.ties} differ only among equidistant places, ${a.failed} failed)`,
    )
    .join('; ');
  const errors = results
    .filter((r) => r.errors > 0)
    .map((r) => `${r.method} at ${r.concurrency}: ${r.errors} errors, first: ${r.firstError}`);
  return [
    formatTable(columns, rows),
    `${num(setup.places)} places around ${setup.city} by generatePlaces (${setup.setup}) in ${num(setup.generationSeconds, 1)} s: ${num(setup.placesPerSecond)} places/s`,
    `points: evenly over the ${num(setup.pointsWithinM)} m around the centre, the same ${num(QUERIES)} for every method at concurrency 1 (${ROUNDS} rounds, each method first in turn), the first ${num(CONCURRENT_QUERIES)} at ${CONCURRENCY}`,
    `HTTP: as ${USER} through the gateway, account and poi in one host (fieldops serve), undici keep-alive from a load process of its own; raw: searchNearby(db, …), what the route runs, without Fastify, auth, views or JSON`,
    ...postgis,
    `ids at ${VERIFY} points against raw: ${verification}`,
    ...errors,
  ].join('\n');
}
