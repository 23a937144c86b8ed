import fs from 'node:fs';
import path from 'node:path';
import { accountService } from '@fieldops/account';
import type { MerchantSnapshot } from '@fieldops/contracts';
import { buildEnvelope } from '@fieldops/platform';
import { searchService } from '@fieldops/search';
import Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { type BenchSetup, distributedSetup, embeddedSetup, startBenchHost } from './bench-host';
import { type Summary, summarize } from './stats';
import type { Progress } from './suite';

/** How often the observer looks for documents that became searchable. */
const POLL_MS = 2;
const DRAIN_TIMEOUT_MS = 120_000;

export interface LagResult {
  kind: 'lag';
  setup: string;
  targetPerSecond: number;
  writes: number;
  achievedPerSecond: number;
  /** Event published (as the merchant service's relay would) → the document found by a reader of the index. */
  lagMs: Summary;
  note: string;
}

function merchant(i: number): MerchantSnapshot {
  return {
    id: uuidv7(),
    legalName: `Lag Test Trading ${i}`,
    brandName: `Lag Kopi ${i}`,
    category: 'cafe',
    tier: 'B',
    contacts: [{ name: 'Tan Ah Kow', role: 'owner', phone: '+6591234567' }],
    address: `${i} North Bridge Road`,
    placeId: null,
    country: 'SG',
    lat: 1.29 + (i % 100) / 1000,
    lng: 103.85 + (i % 97) / 1000,
    areaId: null,
    ownerId: null,
    orgUnitId: null,
    agencyId: null,
    businessId: '201912345K',
    documents: [],
    leadId: null,
    status: 'onboarding',
    version: 1,
  };
}

/**
 * Publishes merchant events at a steady rate for `seconds` and watches the search service's index file from a second
 * connection (as a query would see it): the lag of each write is the time from its publish to its document being
 * there. Publishes are paced by the clock and not awaited one by one (the local bus answers only once handled).
 */
async function measure(
  setup: BenchSetup,
  rate: number,
  seconds: number,
  progress: Progress,
  env: Record<string, string> = {},
): Promise<LagResult> {
  const bench = await startBenchHost({ setup, services: [accountService, searchService], listen: false, env });
  try {
    const dir = path.join(bench.host.runtime.config.dataDir, 'search');
    const generation = fs.readFileSync(path.join(dir, 'current'), 'utf8');
    const reader = new Database(path.join(dir, `index-${generation}.sqlite`), { readonly: true });
    const pending = new Map<string, number>();
    const lags: number[] = [];
    let sending = true;
    const observer = (async () => {
      while (sending || pending.size > 0) {
        const ids = [...pending.keys()].slice(0, 500);
        if (ids.length > 0) {
          const found = reader
            .prepare(`select id from doc where type = 'merchant' and id in (${ids.map(() => '?').join(',')})`)
            .all(...ids) as { id: string }[];
          const now = performance.now();
          for (const { id } of found) {
            lags.push(now - (pending.get(id) ?? now));
            pending.delete(id);
          }
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    })();
    const total = rate * seconds;
    const started = performance.now();
    const publishes: Promise<void>[] = [];
    let failures = 0;
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const m = merchant(i);
      pending.set(m.id, performance.now());
      const envelope = buildEnvelope(
        'merchant',
        { type: 'merchant.merchant.created.v1', subject: m.id, data: m, country: 'SG' },
        Date.now(),
      );
      publishes.push(
        bench.host.runtime.bus.publish([envelope]).catch(() => {
          failures++;
        }),
      );
      if (i % rate === 0) progress(`${setup.label}: ${i}/${total} writes, ${pending.size} not yet searchable`);
    }
    const sentSeconds = (performance.now() - started) / 1000;
    await Promise.all(publishes);
    const deadline = performance.now() + DRAIN_TIMEOUT_MS;
    while (pending.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    sending = false;
    const lost = pending.size;
    pending.clear();
    await observer;
    reader.close();
    return {
      kind: 'lag',
      setup: setup.label,
      targetPerSecond: rate,
      writes: total,
      achievedPerSecond: total / sentSeconds,
      lagMs: summarize(lags),
      note: [failures ? `${failures} publishes failed` : '', lost ? `${lost} never searchable` : ''].filter(Boolean).join('; '),
    };
  } finally {
    await bench.stop();
  }
}

/** Write → searchable lag at `rate` writes/s on the in-process bus and on NATS (when NATS and MariaDB answer). */
export async function measureLag(rate: number, seconds: number, progress: Progress): Promise<{ results: LagResult[]; skipped: string[] }> {
  const results = [await measure(embeddedSetup(), rate, seconds, progress)];
  const skipped: string[] = [];
  for (const replicaLocal of [true, false]) {
    const distributed = await distributedSetup(['account', 'search']);
    if (typeof distributed === 'string') {
      skipped.push(`NATS: ${distributed}`);
      break;
    }
    // The recommended distributed setup keeps each search replica's inbox beside its index (SEARCH_DATABASE_URL=sqlite:).
    const env: Record<string, string> = replicaLocal ? { SEARCH_DATABASE_URL: `sqlite:${distributed.env.DATA_DIR}` } : {};
    if (replicaLocal) distributed.label = 'nats:// + mariadb, search db sqlite';
    results.push(await measure(distributed, rate, seconds, progress, env));
  }
  return { results, skipped };
}
