import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { destinationPoint, type LatLng } from '@fieldops/geo';
import type { ResolvedScope } from '@fieldops/platform';
// Below the services' APIs: the index driver itself, and the demo cities' vocabularies for realistic names.
import { DEMO_CITIES, placeDrafts } from '@fieldops/poi/benchmark';
import { merchantDocument, queryParts, type SearchQuery, SqliteSearchIndex } from '@fieldops/search/benchmark';
import { seededRandom } from './sampling';
import { type LagResult, measureLag } from './search-lag';
import { type Summary, summarize } from './stats';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

/** Sizes: `SEARCH_BENCH_MERCHANTS` (1,000,000), `SEARCH_BENCH_QUERIES` per kind (1,000), `SEARCH_BENCH_LAG_SECONDS` (20). */
const MERCHANTS = Number(process.env.SEARCH_BENCH_MERCHANTS || 1_000_000);
const LAG_SECONDS = Number(process.env.SEARCH_BENCH_LAG_SECONDS || 20);
const LAG_RATE = 500;
const BATCH = 1000;
const QUERIES = Number(process.env.SEARCH_BENCH_QUERIES || 1000);
const WARMUP = 50;
const SEED = 7;

export interface IndexingResult {
  kind: 'indexing';
  merchants: number;
  /** Spent indexing: building each merchant's document and writing it, then finishing the index. */
  seconds: number;
  /** Spent making up the merchants (the load's own work, left out of `seconds`). */
  generatingSeconds: number;
  docsPerSecond: number;
  fileMegabytes: number;
}

export interface QueryResult {
  kind: 'query';
  query: string;
  merchants: number;
  latencyMs: Summary;
  meanHits: number;
}

type SearchResultRow = IndexingResult | QueryResult | LagResult;

async function indexMerchants(index: SqliteSearchIndex, progress: Progress): Promise<IndexingResult> {
  const started = performance.now();
  let batch = [];
  let i = 0;
  // The merchants are made up in this process, as the index is filled: their making is timed apart and left out.
  const drafts = placeDrafts(DEMO_CITIES, MERCHANTS, SEED)[Symbol.iterator]();
  let generatingMs = 0;
  for (;;) {
    const asked = performance.now();
    const next = drafts.next();
    generatingMs += performance.now() - asked;
    if (next.done) break;
    const draft = next.value;
    i++;
    const owner = `rep-${i % 500}`;
    batch.push(
      merchantDocument(
        {
          id: `m${String(i).padStart(8, '0')}`,
          legalName: draft.name,
          brandName: draft.name,
          category: draft.category,
          tier: 'B',
          contacts: draft.phone ? [{ name: 'Owner', role: 'owner', phone: draft.phone }] : [],
          address: draft.address,
          placeId: null,
          country: draft.country,
          lat: draft.location.lat,
          lng: draft.location.lng,
          areaId: `area-${i % 200}`,
          ownerId: owner,
          orgUnitId: `team-${i % 50}`,
          agencyId: null,
          businessId: String(100000 + i),
          documents: [],
          leadId: null,
          status: i % 10 === 0 ? 'suspended' : 'active',
          version: 1,
        },
        1_700_000_000_000 + i,
      ),
    );
    if (batch.length === BATCH) {
      await index.put(batch);
      batch = [];
      if (i % 50_000 === 0)
        progress(`indexed ${num(i)}/${num(MERCHANTS)} merchants (${num(i / ((performance.now() - started - generatingMs) / 1000))}/s)`);
    }
  }
  await index.put(batch);
  progress('making the query indexes and merging the text table');
  await index.finishBuilding();
  const seconds = (performance.now() - started - generatingMs) / 1000;
  return {
    kind: 'indexing',
    merchants: MERCHANTS,
    seconds,
    generatingSeconds: generatingMs / 1000,
    docsPerSecond: MERCHANTS / seconds,
    fileMegabytes: 0,
  };
}

/** Query words drawn from freshly generated names (another seed): a word of a Latin name, two characters of a Chinese one. */
function sampleQueries(count: number): { q: string; country: string; point: LatLng }[] {
  const random = seededRandom(SEED + 1);
  const out = [];
  for (const draft of placeDrafts(DEMO_CITIES, count, SEED + 1)) {
    const [first] = queryParts(draft.name);
    const text = first?.kind === 'grams' ? Array.from(first.text).slice(0, 2).join('') : (first?.text ?? 'kopi');
    const city = DEMO_CITIES.find((c) => c.country === draft.country) ?? DEMO_CITIES[0];
    const point = city ? destinationPoint(city.centre, random() * 5000, random() * 360) : draft.location;
    out.push({ q: text, country: draft.country, point });
  }
  return out;
}

function countryScope(country: string): ResolvedScope {
  return { userId: 'bench', scope: 'country', country, orgUnitId: 'team-0', orgUnitIds: ['team-0'], areaIds: [], agencyId: null };
}

async function timeQueries(
  index: SqliteSearchIndex,
  name: string,
  build: (sample: { q: string; country: string; point: LatLng }) => SearchQuery,
): Promise<QueryResult> {
  const samples = sampleQueries(QUERIES + WARMUP);
  const times: number[] = [];
  let hits = 0;
  for (const [i, sample] of samples.entries()) {
    const started = performance.now();
    const result = await index.search(build(sample), { scope: countryScope(sample.country), types: ['merchant'] });
    if (i < WARMUP) continue;
    times.push(performance.now() - started);
    hits += result.hits.length;
  }
  return { kind: 'query', query: name, merchants: MERCHANTS, latencyMs: summarize(times), meanHits: hits / QUERIES };
}

const base = { filters: { types: ['merchant' as const] }, limit: 20, facets: [] };

export async function runSearchSuite(progress: Progress): Promise<SuiteOutcome<SearchResultRow>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-search-bench-'));
  const file = path.join(dir, 'index.sqlite');
  // Filled as a rebuild fills a new generation: the query indexes are made once at its end.
  const index = new SqliteSearchIndex(file, { building: true });
  const results: SearchResultRow[] = [];
  try {
    progress(`indexing ${num(MERCHANTS)} merchants into the SQLite driver`);
    const indexing = await indexMerchants(index, progress);
    indexing.fileMegabytes = fs.statSync(file).size / 1_048_576;
    results.push(indexing);
    progress('queries');
    results.push(
      await timeQueries(index, 'text (relevance)', (s) => ({ ...base, q: s.q, sort: 'relevance' })),
      await timeQueries(index, 'text + facets status, category', (s) => ({
        ...base,
        q: s.q,
        sort: 'relevance',
        facets: ['status', 'category'],
      })),
      await timeQueries(index, 'nearby 1 km (distance)', (s) => ({
        ...base,
        q: '',
        near: { point: s.point, radius: 1000 },
        origin: s.point,
        sort: 'distance',
      })),
      await timeQueries(index, 'text + nearby 3 km (relevance)', (s) => ({
        ...base,
        q: s.q,
        near: { point: s.point, radius: 3000 },
        origin: s.point,
        sort: 'relevance',
      })),
    );
  } finally {
    await index.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  progress(`write → searchable lag at ${LAG_RATE} writes/s for ${LAG_SECONDS} s`);
  const lag = await measureLag(LAG_RATE, LAG_SECONDS, progress);
  results.push(...lag.results);

  const table = [
    formatTable(
      [
        { header: 'indexing' },
        { header: 'docs', align: 'right' },
        { header: 's', align: 'right' },
        { header: 'docs/s', align: 'right' },
        { header: 'MB', align: 'right' },
        { header: 'making up the merchants, s (not counted)', align: 'right' },
      ],
      results.flatMap((r) =>
        r.kind === 'indexing'
          ? [
              [
                'SQLite FTS5 + H3',
                num(r.merchants),
                num(r.seconds, 1),
                num(r.docsPerSecond),
                num(r.fileMegabytes),
                num(r.generatingSeconds, 1),
              ],
            ]
          : [],
      ),
    ),
    '',
    formatTable(
      [
        { header: 'query' },
        { header: 'p50 ms', align: 'right' },
        { header: 'p99 ms', align: 'right' },
        { header: 'max ms', align: 'right' },
        { header: 'hits', align: 'right' },
      ],
      results.flatMap((r) =>
        r.kind === 'query'
          ? [[r.query, num(r.latencyMs.p50, 2), num(r.latencyMs.p99, 2), num(r.latencyMs.max, 1), num(r.meanHits, 1)]]
          : [],
      ),
    ),
    '',
    formatTable(
      [
        { header: 'lag (write → searchable)' },
        { header: 'writes', align: 'right' },
        { header: 'writes/s', align: 'right' },
        { header: 'p50 ms', align: 'right' },
        { header: 'p99 ms', align: 'right' },
        { header: 'max ms', align: 'right' },
        { header: 'note' },
      ],
      results.flatMap((r) =>
        r.kind === 'lag'
          ? [[r.setup, num(r.writes), num(r.achievedPerSecond), num(r.lagMs.p50, 1), num(r.lagMs.p99, 1), num(r.lagMs.max, 1), r.note]]
          : [],
      ),
    ),
    ...lag.skipped,
  ].join('\n');
  return { results, table };
}
