// The field day: a workload model of a morning peak, not a loop of one request. Reps open *my day*, look at the shops
// around them, visit 8–12 of them (photo, check-in, check-out with the questionnaire), capture a lead or two (some
// already known: the dedup answers 409) and search; team leads watch the review queue and the team; managers open the
// dashboard. The peak is compressed into FIELDDAY_PEAK_SECONDS. The box is real: an embedded `fieldops serve` (every
// service in one process on SQLite), then a distributed one (the services in processes of their own on MariaDB, NATS
// and Redis, on the same machine, to compare; see fieldday-server.ts); the load comes from a process of its own.
// Steps of more and more reps (doubling, then halving the gap between the last served and the first not served) find
// the largest number each box serves with p99 < 200 ms for every kind of request and no error.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { DEMO_PACKS, getCountryPolicy, type VisitQuestion } from '@fieldops/countries';
import { DEMO_REPS, repEmail } from '@fieldops/demo-data';
import sharp from 'sharp';
import { login } from './bench-host';
import { type FieldDayServer, startDistributedServer, startEmbeddedServer } from './fieldday-server';
import { type LabelSamples, type Lane, LoadProcess, type PlannedRequest } from './load-process';
import { type ResidentMemory, residentMemory, settled } from './server-process';
import { summarize } from './stats';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

const PEAK_SECONDS = Number(process.env.FIELDDAY_PEAK_SECONDS || 120);
const REP_STEPS = (process.env.FIELDDAY_REPS || '50,100,200,400,800,1600,3200').split(',').map(Number);
/** Steps that halve the gap between the most reps served and the fewest not served, after the steps above. */
const REFINE_STEPS = Number(process.env.FIELDDAY_REFINE_STEPS ?? 2);
const P99_GOAL_MS = 200;
/** Share of reps whose session expired overnight: they sign in at the peak (a password hash each). */
const SIGN_IN_SHARE = 0.1;
const DUPLICATE_LEAD_SHARE = 0.2;
const PASSWORD = 'demo1234';
const WGS84 = 'coords=WGS84';

export interface FieldDayStep {
  reps: number;
  teamLeads: number;
  managers: number;
  requests: number;
  errors: number;
  firstError?: string;
  requestsPerSecond: number;
  /** `embedded` or `distributed`. */
  mode: string;
  /** The server's resident memory when the step ended (every process of it). */
  serverMemory: ResidentMemory;
  byRequest: { label: string; count: number; errors: number; p50Ms: number; p99Ms: number }[];
  passed: boolean;
}

interface Shop {
  id: string;
  name: string;
  lat: number;
  lng: number;
}

interface DemoRep {
  email: string;
  country: string;
  token: string;
  shops: Shop[];
}

interface Staff {
  email: string;
  token: string;
}

async function getJson(url: string, token: string): Promise<unknown> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** The shops a demo rep owns (the merchant demo seed runs on events after the start: wait for it). */
async function shopsOf(url: string, token: string): Promise<Shop[]> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const answer = (await getJson(`${url}/api/v1/merchants?limit=50&${WGS84}`, token)) as {
      items: { id: string; legalName: string; brandName?: string | null; lat: number; lng: number }[];
    };
    if (answer.items.length > 0) return answer.items.map((m) => ({ id: m.id, name: m.brandName || m.legalName, lat: m.lat, lng: m.lng }));
    if (Date.now() > deadline) throw new Error('the demo merchants did not arrive in 5 minutes');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const DEMO_COUNTRY_CODES = DEMO_PACKS.map((pack) => pack.identity.code);

async function demoPeople(url: string): Promise<{ reps: DemoRep[]; teamLeads: Staff[]; managers: Staff[] }> {
  const reps: DemoRep[] = [];
  const teamLeads: Staff[] = [];
  const managers: Staff[] = [];
  for (const country of DEMO_COUNTRY_CODES) {
    const cc = country.toLowerCase();
    const emails = Array.from({ length: DEMO_REPS }, (_, i) => repEmail(country, i + 1));
    reps.push(
      ...(await Promise.all(
        emails.map(async (email) => {
          const token = await login(url, email, PASSWORD);
          return { email, country, token, shops: await shopsOf(url, token) };
        }),
      )),
    );
    for (let t = 1; t <= 4; t++) {
      const email = `teamlead${t}.${cc}@fieldops.test`;
      teamLeads.push({ email, token: await login(url, email, PASSWORD) });
    }
    const manager = `countrymanager.${cc}@fieldops.test`;
    managers.push({ email: manager, token: await login(url, manager, PASSWORD) });
  }
  return { reps, teamLeads, managers };
}

/** An answer for each question of the country's check-out questionnaire, as a rep would give it. */
function answersFor(questions: readonly VisitQuestion[], random: () => number): Record<string, boolean | number | string> {
  const answers: Record<string, boolean | number | string> = {};
  for (const question of questions) {
    if (question.type === 'yes-no') answers[question.id] = random() < 0.7;
    else if (question.type === 'number')
      answers[question.id] = Math.round((question.min ?? 0) + random() * Math.min(20, (question.max ?? 20) - (question.min ?? 0)));
    else if (question.type === 'choice') answers[question.id] = question.options[Math.floor(random() * question.options.length)] ?? '';
    else answers[question.id] = 'Owner asked for the new menu photos';
  }
  return answers;
}

function multipartPhoto(photo: Buffer): { body: string; contentType: string } {
  const boundary = `----fieldday${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nvisit-photo\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="check-in.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, photo, tail]).toString('base64'), contentType: `multipart/form-data; boundary=${boundary}` };
}

const OUTCOMES = ['met-owner', 'met-staff', 'interested', 'signed', 'not-interested'] as const;

/** One rep's morning: its requests in order, with pauses that spread them over the peak. */
function repLane(rep: DemoRep, photo: { body: string; contentType: string }, random: () => number): Lane {
  const auth = { authorization: `Bearer ${rep.token}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const requests: PlannedRequest[] = [];
  const add = (request: PlannedRequest) => requests.push(request);
  if (random() < SIGN_IN_SHARE) {
    add({
      label: 'sign in',
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: rep.email, password: PASSWORD }),
      expectStatus: 200,
    });
  }
  const graphql = (label: string, query: string, variables: unknown) =>
    add({
      label,
      method: 'POST',
      path: '/graphql',
      headers: json,
      body: JSON.stringify({ persisted: true, query, variables }),
      expectStatus: 200,
    });
  graphql('my day (GraphQL)', 'MyDay', {});
  const home = rep.shops[0] as Shop;
  const box = (d: number) => ({ west: home.lng - d, south: home.lat - d, east: home.lng + d, north: home.lat + d });
  graphql('nearby map (GraphQL)', 'Map', { bbox: box(0.02), zoom: 15, layers: ['MERCHANTS', 'LEADS'] });
  const questions = getCountryPolicy(rep.country).visitTemplates.merchant;
  const visits = 8 + Math.floor(random() * 5);
  for (let v = 0; v < visits; v++) {
    const shop = rep.shops[v % rep.shops.length] as Shop;
    const visitId = randomUUID();
    add({
      label: 'photo upload',
      method: 'POST',
      path: '/api/v1/files',
      headers: { ...auth, 'content-type': photo.contentType, 'idempotency-key': `${visitId}-photo` },
      blob: 'photo',
      expectStatus: 201,
      capture: { name: 'photo', field: 'id' },
    });
    add({
      label: 'check-in',
      method: 'POST',
      path: `/api/v1/visits?${WGS84}`,
      headers: { ...json, 'idempotency-key': visitId },
      body: JSON.stringify({
        id: visitId,
        targetType: 'merchant',
        targetId: shop.id,
        lat: shop.lat + (random() - 0.5) * 0.0002,
        lng: shop.lng + (random() - 0.5) * 0.0002,
        accuracyM: 5 + random() * 15,
        deviceTime: '{{now}}',
        mockLocation: false,
        offline: false,
        photoIds: ['{{photo}}'],
      }),
      expectStatus: 201,
    });
    add({
      label: 'check-out',
      method: 'POST',
      path: `/api/v1/visits/${visitId}/check-out?${WGS84}`,
      headers: { ...json, 'idempotency-key': `${visitId}-out` },
      body: JSON.stringify({
        deviceTime: '{{now}}',
        outcome: OUTCOMES[Math.floor(random() * OUTCOMES.length)],
        notes: 'Talked about the lunch promotion',
        answers: answersFor(questions, random),
      }),
      expectStatus: [200, 202],
    });
  }
  const leads = 1 + Math.floor(random() * 2);
  for (let l = 0; l < leads; l++) {
    // A duplicate names a shop the rep already owns, where it stands: the dedup finds it and answers 409.
    const duplicate = random() < DUPLICATE_LEAD_SHARE ? rep.shops[l % rep.shops.length] : undefined;
    const at = duplicate
      ? { lat: duplicate.lat, lng: duplicate.lng }
      : { lat: home.lat + (random() - 0.5) * 0.02, lng: home.lng + (random() - 0.5) * 0.02 };
    add({
      label: 'lead capture',
      method: 'POST',
      path: `/api/v1/leads?${WGS84}`,
      headers: { ...json, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ name: duplicate?.name ?? `Fieldday Noodles ${randomUUID().slice(0, 8)}`, category: 'restaurant', ...at }),
      expectStatus: duplicate ? [201, 409] : 201,
    });
  }
  const word = home.name.split(/\s+/)[0] ?? home.name;
  add({ label: 'search', method: 'GET', path: `/api/v1/search?q=${encodeURIComponent(word)}&limit=20`, headers: auth, expectStatus: 200 });
  return paced(requests, random);
}

/** Someone who comes back to a screen every little while during the peak. */
function watcherLane(requests: PlannedRequest[], random: () => number, rounds: number): Lane {
  const lane: PlannedRequest[] = [];
  for (let r = 0; r < rounds; r++) lane.push(...requests);
  return paced(lane, random);
}

/** Spreads a lane's requests over the peak: a random start in its first quarter, then pauses around the mean gap. */
function paced(requests: PlannedRequest[], random: () => number): Lane {
  const start = random() * PEAK_SECONDS * 250;
  const gap = ((PEAK_SECONDS * 1000 - start) * 0.9) / requests.length;
  return requests.map((request, i) => ({ ...request, thinkMs: Math.round(i === 0 ? start : gap * (0.5 + random())) }));
}

function teamLeadRequests(lead: Staff): PlannedRequest[] {
  const auth = { authorization: `Bearer ${lead.token}` };
  return [
    { label: 'review queue', method: 'GET', path: `/api/v1/visits/review-queue?limit=50&${WGS84}`, headers: auth, expectStatus: 200 },
    {
      label: 'team map (GraphQL)',
      method: 'POST',
      path: '/graphql',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ persisted: true, query: 'Team', variables: {} }),
      expectStatus: 200,
    },
  ];
}

function managerRequests(manager: Staff): PlannedRequest[] {
  const auth = { authorization: `Bearer ${manager.token}` };
  const today = new Date().toISOString().slice(0, 10);
  return [
    { label: 'dashboard', method: 'GET', path: '/api/v1/leads?limit=200', headers: auth, expectStatus: 200 },
    { label: 'dashboard', method: 'GET', path: `/api/v1/visits?date=${today}&limit=200&${WGS84}`, headers: auth, expectStatus: 200 },
    {
      label: 'dashboard',
      method: 'GET',
      path: `/api/v1/performance/figures?period=${today.slice(0, 7)}`,
      headers: auth,
      expectStatus: 200,
    },
  ];
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Every demo person opens their screens once, unmeasured, before the first step: the peak is measured on a box that
 * has served a day before (its code compiled, its connections between processes open), not in its first seconds.
 */
async function warmUp(server: FieldDayServer, photo: { body: string; contentType: string }): Promise<void> {
  const people = await demoPeople(server.url);
  const random = prng(1);
  const reads = (requests: PlannedRequest[]) =>
    requests.filter((r) => r.method === 'GET' || r.path === '/graphql').map((r) => ({ ...r, thinkMs: 0 }));
  const lanes = [
    ...people.reps.map((rep) => reads(repLane(rep, photo, random))),
    ...people.teamLeads.map((lead) => reads(teamLeadRequests(lead))),
    ...people.managers.map((manager) => reads(managerRequests(manager))),
  ];
  const load = new LoadProcess();
  try {
    const report = await load.run({ kind: 'lanes', url: server.url, lanes, blobs: { photo: photo.body } });
    if (report.errors > 0) throw new Error(`the warm-up met ${report.errors} errors; first: ${report.firstError}`);
  } finally {
    await load.close();
  }
}

async function runStep(
  server: FieldDayServer,
  repCount: number,
  people: Awaited<ReturnType<typeof demoPeople>>,
  photo: { body: string; contentType: string },
): Promise<FieldDayStep> {
  const random = prng(repCount);
  // Simulated reps beyond the demo's accounts act as one of them (the work per request is the same).
  const reps = Array.from({ length: repCount }, (_, i) => repLane(people.reps[i % people.reps.length] as DemoRep, photo, random));
  const teamLeads = Math.max(1, Math.round(repCount / 10));
  const managers = Math.max(1, Math.round(repCount / 50));
  const rounds = Math.max(1, Math.round(PEAK_SECONDS / 20));
  const leads = Array.from({ length: teamLeads }, (_, i) =>
    watcherLane(teamLeadRequests(people.teamLeads[i % people.teamLeads.length] as Staff), random, rounds),
  );
  const bosses = Array.from({ length: managers }, (_, i) =>
    watcherLane(managerRequests(people.managers[i % people.managers.length] as Staff), random, rounds),
  );
  const load = new LoadProcess();
  try {
    const report = await load.run({ kind: 'lanes', url: server.url, lanes: [...reps, ...leads, ...bosses], blobs: { photo: photo.body } });
    const byRequest = Object.entries(report.byLabel)
      .map(([label, samples]: [string, LabelSamples]) => {
        const s = summarize(samples.latencies);
        return { label, count: s.count, errors: samples.errors, p50Ms: s.p50, p99Ms: s.p99 };
      })
      .sort((a, b) => a.label.localeCompare(b.label));
    return {
      mode: server.mode,
      reps: repCount,
      teamLeads,
      managers,
      requests: report.latencies.length,
      errors: report.errors,
      ...(report.firstError ? { firstError: report.firstError } : {}),
      requestsPerSecond: report.latencies.length / report.seconds,
      serverMemory: residentMemory(server.pids()),
      byRequest,
      passed: report.errors === 0 && byRequest.every((r) => r.p99Ms < P99_GOAL_MS),
    };
  } finally {
    await load.close();
  }
}

const memoryText = (memory: ResidentMemory) =>
  `${num(memory.totalMiB)} MiB (own ${num(memory.ownMiB)}, mapped database files ${num(memory.mappedFilesMiB)})`;

/** Steps of more and more reps on one server, then halving the gap: the steps run, and the most reps served. */
async function findCapacity(server: FieldDayServer, progress: Progress): Promise<FieldDayStep[]> {
  const photo = multipartPhoto(
    await sharp({
      create: { width: 800, height: 600, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
    })
      .jpeg({ quality: 70 })
      .toBuffer(),
  );
  progress(`${server.mode}: warming up (every demo person's screens once, not measured)`);
  await warmUp(server, photo);
  const steps: FieldDayStep[] = [];
  const step = async (reps: number): Promise<FieldDayStep> => {
    await settled(server.pids(), progress);
    progress(`${server.mode}: signing in the demo people and reading their shops`);
    const people = await demoPeople(server.url);
    progress(`${server.mode}: ${reps} reps over a ${PEAK_SECONDS} s morning peak`);
    const result = await runStep(server, reps, people, photo);
    steps.push(result);
    progress(
      `${server.mode}: ${reps} reps: ${num(result.requestsPerSecond, 1)} requests/s, ${result.errors} errors, worst p99 ${num(Math.max(...result.byRequest.map((r) => r.p99Ms)), 1)} ms, server RSS ${memoryText(result.serverMemory)}`,
    );
    return result;
  };
  let most = 0;
  let fewestNot: number | undefined;
  for (const reps of REP_STEPS) {
    if (!(await step(reps)).passed) {
      fewestNot = reps;
      break;
    }
    most = reps;
  }
  // Doubling steps only bound the answer: a box that serves 400 reps and not 800 may well serve 600.
  // When not even the first step is served, the same halving looks for a number that is.
  for (let i = 0; i < REFINE_STEPS && fewestNot !== undefined; i++) {
    const reps = Math.round((most + fewestNot) / 2);
    if (reps === most || reps === fewestNot) break;
    if ((await step(reps)).passed) most = reps;
    else fewestNot = reps;
  }
  return steps.sort((a, b) => a.reps - b.reps);
}

/** The table, the summary of each step and the verdict of one mode. */
function report(server: FieldDayServer, steps: FieldDayStep[]): string {
  const served = steps.filter((s) => s.passed).at(-1);
  const columns = [
    { header: 'reps' },
    { header: 'request' },
    { header: 'count', align: 'right' as const },
    { header: 'errors', align: 'right' as const },
    { header: 'p50 ms', align: 'right' as const },
    { header: 'p99 ms', align: 'right' as const },
  ];
  const rows = steps.flatMap((step) =>
    step.byRequest.map((r) => [String(step.reps), r.label, num(r.count), num(r.errors), num(r.p50Ms, 1), num(r.p99Ms, 1)]),
  );
  const summary = steps.map(
    (s) =>
      `${s.reps} reps (+${s.teamLeads} team leads, ${s.managers} managers): ${num(s.requests)} requests, ${num(s.requestsPerSecond, 1)}/s, ${s.errors} errors, server RSS ${memoryText(s.serverMemory)} — ${s.passed ? 'served' : `not served${s.firstError ? ` (first error: ${s.firstError.slice(0, 160)})` : ''}`}`,
  );
  const verdict = served
    ? `One ${server.mode} box serves ${served.reps} reps at the morning peak (${PEAK_SECONDS} s compressed) with every request type's p99 < ${P99_GOAL_MS} ms and no error.`
    : `Not even ${REP_STEPS[0]} reps were served within p99 < ${P99_GOAL_MS} ms with no error (${server.mode}).`;
  return [`${server.mode}: ${server.description}`, formatTable(columns, rows), ...summary, verdict].join('\n');
}

/**
 * The field day on an embedded box, then (when MariaDB, NATS and Redis answer) on a distributed one on the same
 * machine, to compare; `FIELDDAY_MODES=embedded` runs one of them.
 */
export async function runFieldDaySuite(progress: Progress): Promise<SuiteOutcome<FieldDayStep>> {
  const starts = { embedded: startEmbeddedServer, distributed: startDistributedServer };
  const modes = (process.env.FIELDDAY_MODES || 'embedded,distributed').split(',') as (keyof typeof starts)[];
  const results: FieldDayStep[] = [];
  const parts: string[] = [];
  for (const mode of modes) {
    const start = starts[mode];
    if (!start) throw new Error(`FIELDDAY_MODES: unknown mode "${mode}" (embedded, distributed)`);
    const server = await start(progress);
    if (typeof server === 'string') {
      parts.push(`${mode}: not run — ${server}`);
      continue;
    }
    try {
      const steps = await findCapacity(server, progress);
      results.push(...steps);
      parts.push(report(server, steps));
    } finally {
      await server.stop();
    }
  }
  const legend = `The load from a process of its own on the same ${os.availableParallelism()}-core machine, after every demo person opened their screens once (not measured). Server RSS when the step ended, over every process that serves: their own memory (heap, SQLite caches, buffers) and the pages of the database files they map (the kernel's file cache, given back under memory pressure).`;
  return { results, table: [...parts, legend].join('\n\n') };
}
