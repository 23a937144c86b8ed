import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { matchesHitFilters, signInvitation, splitHoldout } from '@fieldops/marketing/benchmark';
import { campaignInvitation, emailHtml, smtpDriver } from '@fieldops/notification/benchmark';
import type { ResolvedScope } from '@fieldops/platform';
import { DEMO_CITIES, placeDrafts } from '@fieldops/poi/benchmark';
import { merchantDocument, type SearchQuery, SqliteSearchIndex } from '@fieldops/search/benchmark';
import { SMTPServer } from 'smtp-server';
import { type Summary, summarize } from './stats';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

/**
 * Sizes: `MARKETING_BENCH_MERCHANTS` (1,000,000) merchants in the search index, each segment timed
 * `MARKETING_BENCH_RUNS` (5) times, and `MARKETING_BENCH_DELIVERIES` (10,000) invitations of each launch delivered.
 * Below the HTTP API, on the SQLite index driver:
 * - preview: as the marketing service asks search for it — one query with the total and a 20-merchant sample when
 *   the index holds every filter; a tier filter is judged hit by hit, so that segment is read page by page;
 * - launch: the segment read page by page (100 a page), the stratified holdout, and per treated merchant a signed
 *   link and its rendered invitation;
 * - delivered invitations: the notification service's SMTP driver sends the launch's invitations (pooled
 *   connections) to an SMTP server on loopback, which counts each message when its data has arrived; the rate is
 *   messages received over the time from the first send to the last message received.
 * Memory: the process's RSS after the segment and its peak so far (the index's page cache and the members held).
 */
const MERCHANTS = Number(process.env.MARKETING_BENCH_MERCHANTS || 1_000_000);
const RUNS = Number(process.env.MARKETING_BENCH_RUNS || 5);
const DELIVERIES = Number(process.env.MARKETING_BENCH_DELIVERIES || 10_000);
const PAGE = 100;
const SAMPLE = 20;
const BATCH = 1000;
const SEED = 11;
const TIERS = ['A', 'B', 'C'] as const;
const LINK_SECRET = 'bench-secret';
const SMTP_CONNECTIONS = 8;
const SENDERS = 64;

export interface SegmentResult {
  kind: 'segment';
  segment: string;
  merchants: number;
  members: number;
  /** Counted by the index with a sample, or read whole when a filter is judged hit by hit. */
  previewBy: 'count' | 'pages';
  previewMs: Summary;
  /** Read, split, and a signed link and rendered invitation per treated member. */
  launchMs: Summary;
  treated: number;
  delivered: number;
  invitationsPerSecond: number;
  rssMegabytes: number;
  peakRssMegabytes: number;
}

interface Segment {
  name: string;
  country: string;
  filters: SearchQuery['filters'];
  tiers?: string[];
}

const SEGMENTS: Segment[] = [
  { name: 'SG restaurants', country: 'SG', filters: { types: ['merchant'], category: ['restaurant'] } },
  { name: 'SG active, tier A', country: 'SG', filters: { types: ['merchant'], status: ['active'] }, tiers: ['A'] },
  { name: 'SG in 10 areas', country: 'SG', filters: { types: ['merchant'], areaIds: Array.from({ length: 10 }, (_, i) => `area-${i}`) } },
  { name: 'SG all merchants', country: 'SG', filters: { types: ['merchant'] } },
];

const scopeOf = (country: string): ResolvedScope => ({
  userId: 'bench',
  scope: 'country',
  country,
  orgUnitId: 'team-0',
  orgUnitIds: ['team-0'],
  areaIds: [],
  agencyId: null,
});

async function indexMerchants(index: SqliteSearchIndex, progress: Progress): Promise<void> {
  const started = performance.now();
  let batch = [];
  let i = 0;
  for (const draft of placeDrafts(DEMO_CITIES, MERCHANTS, SEED)) {
    i++;
    batch.push(
      merchantDocument(
        {
          id: `m${String(i).padStart(8, '0')}`,
          legalName: draft.name,
          brandName: draft.name,
          category: draft.category,
          tier: TIERS[i % 3] ?? 'B',
          contacts: [],
          address: draft.address,
          placeId: null,
          country: draft.country,
          lat: draft.location.lat,
          lng: draft.location.lng,
          areaId: `area-${i % 200}`,
          ownerId: `rep-${i % 500}`,
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
      if (i % 100_000 === 0)
        progress(`indexed ${num(i)}/${num(MERCHANTS)} merchants (${num(i / ((performance.now() - started) / 1000))}/s)`);
    }
  }
  await index.put(batch);
}

interface Member {
  merchantId: string;
  name: string;
  areaId: string | null;
  tier: string | null;
}

/** The segment as the preview reads it: every page of hits, each kept when the segment's own filters admit it. */
async function readSegment(index: SqliteSearchIndex, segment: Segment): Promise<Member[]> {
  const members: Member[] = [];
  let after: unknown[] | undefined;
  const filters = { ...segment.filters, country: [segment.country] };
  do {
    const page = await index.search(
      { q: '', filters, sort: 'recency', limit: PAGE, facets: [], ...(after ? { after } : {}) },
      { scope: scopeOf(segment.country), types: ['merchant'] },
    );
    for (const hit of page.hits) {
      const doc = hit.doc;
      const tier = typeof doc.details.tier === 'string' ? doc.details.tier : null;
      if (
        matchesHitFilters(
          { tier, lastVerifiedVisitAt: null },
          { ...(segment.tiers ? { tiers: segment.tiers as ('A' | 'B' | 'C')[] } : {}) },
        )
      ) {
        members.push({ merchantId: doc.id, name: doc.title, areaId: doc.areaId, tier });
      }
    }
    after = page.more ? page.hits.at(-1)?.key : undefined;
  } while (after);
  return members;
}

/** The preview as the service makes it: the index's count and a sample, or every page when the index cannot judge a filter. */
async function previewSegment(index: SqliteSearchIndex, segment: Segment): Promise<number> {
  if (segment.tiers) return (await readSegment(index, segment)).length;
  const result = await index.search(
    { q: '', filters: { ...segment.filters, country: [segment.country] }, sort: 'recency', limit: SAMPLE, facets: [], withTotal: true },
    { scope: scopeOf(segment.country), types: ['merchant'] },
  );
  return result.total ?? 0;
}

interface Invitation {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const TERMS = 'We pay S$100 towards your breakfast menu.';
const EXPIRES = Date.parse('2027-01-31T00:00:00Z');
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A treated merchant's invitation, rendered as the notification service renders the campaign invitation. */
function invitationOf(m: Member): Invitation {
  const link = `/m/campaigns/${signInvitation(m.merchantId, EXPIRES, LINK_SECRET)}`;
  const rendered = campaignInvitation.templates.en(
    { campaignName: 'Breakfast subsidy', merchantName: m.name, terms: TERMS, link, expiresAt: EXPIRES },
    { date: dateOf },
  );
  return {
    to: `owner-${m.merchantId}@merchants.bench`,
    subject: rendered.title,
    text: rendered.body,
    html: emailHtml(rendered.title, rendered.body, link, 'https://fieldops.bench'),
  };
}

/** A launch on the members read: the holdout split and, per treated merchant, a signed link and its invitation. */
function launch(members: Member[]): { treated: number; first: Invitation[] } {
  const split = splitHoldout(members, 0.1, 'bench-seed');
  const first: Invitation[] = [];
  let treated = 0;
  for (const m of members) {
    if (split.heldOut.has(m.merchantId)) continue;
    const invitation = invitationOf(m);
    treated++;
    // Only the invitations to be delivered are kept: the rest are made and let go, as the outbox would write them.
    if (first.length < DELIVERIES) first.push(invitation);
  }
  return { treated, first };
}

/** An SMTP server on loopback that counts each message once its data has arrived (and notes when the last did). */
async function startSmtpSink(): Promise<{ url: string; received(): number; lastAt(): number; close(): Promise<void> }> {
  let received = 0;
  let lastAt = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 1_048_576,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received++;
        lastAt = performance.now();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    lastAt: () => lastAt,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Delivers the invitations through the SMTP driver; answers how many the server received and at what rate. */
async function deliver(invitations: Invitation[]): Promise<{ delivered: number; perSecond: number }> {
  const sink = await startSmtpSink();
  const driver = smtpDriver({
    url: `${sink.url}/?pool=true&maxConnections=${SMTP_CONNECTIONS}&maxMessages=Infinity`,
    from: 'FieldOps <campaigns@fieldops.bench>',
  });
  try {
    let next = 0;
    const started = performance.now();
    const sender = async () => {
      for (let i = next++; i < invitations.length; i = next++) {
        const invitation = invitations[i] as Invitation;
        const outcome = await driver.send(
          { deliveryId: `bench-${i}`, recipient: { userId: `bench-${i}`, locale: 'en', country: 'SG' }, ...invitation },
          invitation.to,
        );
        if (outcome.status !== 'sent') throw new Error(`the SMTP server refused an invitation: ${outcome.providerAnswer}`);
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    const delivered = sink.received();
    return { delivered, perSecond: delivered / ((sink.lastAt() - started) / 1000) };
  } finally {
    await driver.close?.();
    await sink.close();
  }
}

async function timeSegment(index: SqliteSearchIndex, segment: Segment, progress: Progress): Promise<SegmentResult> {
  const preview: number[] = [];
  const launchTimes: number[] = [];
  let count = 0;
  let launched: ReturnType<typeof launch> = { treated: 0, first: [] };
  for (let run = 0; run < RUNS; run++) {
    let started = performance.now();
    count = await previewSegment(index, segment);
    preview.push(performance.now() - started);
    started = performance.now();
    launched = launch(await readSegment(index, segment));
    launchTimes.push(performance.now() - started);
    progress(`${segment.name}: run ${run + 1}/${RUNS}, ${num(count)} members`);
  }
  progress(`${segment.name}: delivering ${num(launched.first.length)} invitations over SMTP`);
  const { delivered, perSecond } = await deliver(launched.first);
  return {
    kind: 'segment',
    segment: segment.name,
    merchants: MERCHANTS,
    members: count,
    previewBy: segment.tiers ? 'pages' : 'count',
    previewMs: summarize(preview),
    launchMs: summarize(launchTimes),
    treated: launched.treated,
    delivered,
    invitationsPerSecond: perSecond,
    rssMegabytes: process.memoryUsage().rss / 1_048_576,
    peakRssMegabytes: process.resourceUsage().maxRSS / 1024,
  };
}

export async function runMarketingSuite(progress: Progress): Promise<SuiteOutcome<SegmentResult>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-marketing-bench-'));
  const index = new SqliteSearchIndex(path.join(dir, 'index.sqlite'));
  const results: SegmentResult[] = [];
  try {
    progress(`indexing ${num(MERCHANTS)} merchants into the SQLite search driver`);
    await indexMerchants(index, progress);
    for (const segment of SEGMENTS) results.push(await timeSegment(index, segment, progress));
  } finally {
    await index.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const table = formatTable(
    [
      { header: `segment (of ${num(MERCHANTS)})` },
      { header: 'members', align: 'right' },
      { header: 'preview by' },
      { header: 'preview p50 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'launch p50 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'delivered', align: 'right' },
      { header: 'invitations/s', align: 'right' },
      { header: 'RSS MB', align: 'right' },
      { header: 'peak MB', align: 'right' },
    ],
    results.map((r) => [
      r.segment,
      num(r.members),
      r.previewBy,
      num(r.previewMs.p50, 1),
      num(r.previewMs.p99, 1),
      num(r.launchMs.p50, 1),
      num(r.launchMs.p99, 1),
      num(r.delivered),
      num(r.invitationsPerSecond),
      num(r.rssMegabytes),
      num(r.peakRssMegabytes),
    ]),
  );
  return { results, table };
}
