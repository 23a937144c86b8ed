import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type AccountDb, accountService, DEMO_PASSWORD } from '@fieldops/account';
import { createGateway } from '@fieldops/gateway';
import { createNotificationService, type NotificationDb } from '@fieldops/notification';
import { buildEnvelope, type Host } from '@fieldops/platform';
import { engineAvailable, engineUrls, serviceDb } from '@fieldops/testing';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { type BenchHost, type BenchSetup, distributedSetup, embeddedSetup, startBenchHost } from './bench-host';
import type { LoadCommand, LoadReport, StreamName } from './notification-load';
import { type Summary, summarize } from './stats';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

/** Recipients of the one event each round fans out, each holding an open stream. */
const RECIPIENTS = Number(process.env.NOTIFICATION_BENCH_RECIPIENTS || 1_000);
/** Measured rounds, after one unmeasured warm-up round. */
const ROUNDS = Number(process.env.NOTIFICATION_BENCH_ROUNDS || 5);
const ROUND_TIMEOUT_MS = 120_000;
const UNLIMITED = { RATE_LIMIT_MAX: String(1_000_000_000), RATE_LIMIT_LOGIN_MAX: String(1_000_000_000) };

export interface NotificationResult {
  setup: string;
  recipients: number;
  rounds: number;
  /** Notices stored ÷ seconds from the event handed to the bus to the last inbox row of it committed. */
  noticesPerSecond: number;
  /** The peer: the same number of notice rows inserted one by one in one transaction, per second. */
  rawInsertsPerSecond: number;
  noticesRatio: number;
  /** From the event handed to the bus to each recipient's SSE frame, every frame of every round. */
  sseMs: Summary;
  /** The peer: a bare SSE server in the same process writing one frame to the same number of open streams. */
  peerSseMs: Summary;
  p50Ratio: number;
  p99Ratio: number;
}

const wallClock = () => performance.timeOrigin + performance.now();

/** A bare Server-Sent Events server: what writing one frame to every open stream costs without anything else. */
async function startPeerServer(): Promise<{ url: string; broadcast(data: string): void; close(): Promise<void> }> {
  const streams = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write('retry: 2000\n\n');
    streams.add(response);
    request.on('close', () => streams.delete(response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    broadcast(data) {
      for (const stream of streams) stream.write(`event: message\ndata: ${data}\n\n`);
    },
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The load process and a promise per report it sends. */
class LoadProcess {
  private readonly child: ChildProcess;
  private readonly waiting: { match: (report: LoadReport) => boolean; resolve: (report: LoadReport) => void }[] = [];
  private failure: string | undefined;

  constructor() {
    this.child = fork(path.join(import.meta.dirname, 'notification-load.ts'), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    this.child.on('message', (report: LoadReport) => {
      if (report.type === 'failed') this.failure = report.error;
      const index = this.waiting.findIndex((w) => w.match(report) || report.type === 'failed');
      if (index >= 0) this.waiting.splice(index, 1)[0]?.resolve(report);
    });
  }

  send(command: LoadCommand): void {
    this.child.send(command);
  }

  async next<T extends LoadReport>(match: (report: LoadReport) => report is T, timeoutMs: number, what: string): Promise<T> {
    if (this.failure) throw new Error(`load process: ${this.failure}`);
    let timer: NodeJS.Timeout | undefined;
    const report = await new Promise<LoadReport>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`load process: no ${what} within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push({ match, resolve });
    }).finally(() => clearTimeout(timer));
    if (report.type === 'failed') throw new Error(`load process: ${report.error}`);
    return report as T;
  }

  stop(): void {
    if (this.child.connected) this.send({ type: 'close' });
    setTimeout(() => this.child.kill(), 2_000).unref();
  }
}

/** `RECIPIENTS` reps in one Singapore team, written as the account demo seed writes its people (one password hash). */
async function addRecipients(host: Host): Promise<{ ids: string[]; emails: string[] }> {
  const db = serviceDb<AccountDb>({ host }, 'account');
  const model = await db.selectFrom('user').selectAll().where('email', '=', 'rep1.sg@fieldops.test').executeTakeFirstOrThrow();
  const { role_id } = await db.selectFrom('user_role').select('role_id').where('user_id', '=', model.id).executeTakeFirstOrThrow();
  const ids: string[] = [];
  const emails: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (let n = 0; n < RECIPIENTS; n++) {
      const id = uuidv7();
      const email = `bench-recipient-${n}@fieldops.test`;
      await trx
        .insertInto('user')
        .values({ ...model, id, email, name: `Recipient ${n}`, phone: null, last_login_at: null })
        .execute();
      await trx.insertInto('user_role').values({ user_id: id, role_id }).execute();
      ids.push(id);
      emails.push(email);
    }
  });
  return { ids, emails };
}

/** Seconds from now until `count` notices of `sourceKey` are stored (looked at every few milliseconds). */
async function storedAfter(db: Kysely<NotificationDb>, sourceKey: string, count: number, startedAt: number): Promise<number> {
  const deadline = Date.now() + ROUND_TIMEOUT_MS;
  for (;;) {
    const { n } = await db
      .selectFrom('notice')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workflow', '=', 'ticket-sla-warning')
      .where('source_key', '=', sourceKey)
      .executeTakeFirstOrThrow();
    if (Number(n) >= count) return (wallClock() - startedAt) / 1000;
    if (Date.now() > deadline) throw new Error(`only ${n} of ${count} notices were stored`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The peer of storing: the same rows, inserted one by one in one transaction, for users with no open stream. */
async function rawInsertSeconds(db: Kysely<NotificationDb>, round: number): Promise<number> {
  const started = performance.now();
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    for (let n = 0; n < RECIPIENTS; n++) {
      await trx
        .insertInto('notice')
        .values({
          id: uuidv7(),
          user_id: uuidv7(),
          workflow: 'bench-raw',
          source_key: `raw-${round}`,
          severity: 'normal',
          title: 'SLA due soon: a raw row',
          body: 'The resolution target is due 8 Jan 2027.',
          link: null,
          created_at: now,
          read_at: null,
          archived_at: null,
        })
        .execute();
    }
  });
  return (performance.now() - started) / 1000;
}

function slaWarning(round: number, notify: string[]) {
  const at = new Date().toISOString();
  return buildEnvelope(
    'tickets',
    {
      type: 'tickets.ticket.sla-warned.v1',
      subject: uuidv7(),
      country: 'SG',
      data: {
        ticketId: uuidv7(),
        key: `bench-${round}`,
        clock: 'resolution' as const,
        title: `bench-round-${round}`,
        priority: 'high' as const,
        assigneeId: null,
        dueAt: at,
        firedAt: at,
        notify,
      },
    },
    Date.now(),
  );
}

async function runSetup(setup: BenchSetup, progress: Progress): Promise<NotificationResult> {
  const started: BenchHost[] = [];
  const load = new LoadProcess();
  const peer = await startPeerServer();
  try {
    progress(`${setup.label}: starting account + notification behind the gateway and seeding the demo organisation`);
    const services = [accountService, createNotificationService()];
    const bench = await startBenchHost({ setup, services, edge: createGateway({ services }), env: UNLIMITED });
    started.push(bench);
    await bench.host.seedDemo();
    const recipients = await addRecipients(bench.host);
    const notices = serviceDb<NotificationDb>(bench, 'notification');

    progress(
      `${setup.label}: the load process signs ${RECIPIENTS} recipients in and opens ${RECIPIENTS} streams + ${RECIPIENTS} peer streams`,
    );
    load.send({ type: 'open', serviceUrl: bench.url, emails: recipients.emails, password: DEMO_PASSWORD, peerUrl: peer.url });
    const ready = await load.next((r): r is Extract<LoadReport, { type: 'ready' }> => r.type === 'ready', 600_000, 'open streams');
    progress(`${setup.label}: ${ready.opened} streams open (sign-in took ${num(ready.signInSeconds, 1)} s)`);

    const arrived = (stream: StreamName, round: number) =>
      load.next(
        (r): r is Extract<LoadReport, { type: 'arrived' }> => r.type === 'arrived' && r.stream === stream && r.round === round,
        ROUND_TIMEOUT_MS,
        `${stream} frames of round ${round}`,
      );
    const sse: number[] = [];
    const peerSse: number[] = [];
    let storeSeconds = 0;
    let rawSeconds = 0;
    for (let round = 0; round <= ROUNDS; round++) {
      progress(`${setup.label}: round ${round}/${ROUNDS}${round === 0 ? ' (warm-up)' : ''}: one event to ${RECIPIENTS}, the peers`);
      // Alternating within the round, so a slow moment of the machine falls on both alike.
      load.send({ type: 'expect', stream: 'peer', round, count: RECIPIENTS });
      const peerSent = wallClock();
      peer.broadcast(`bench-round-${round}`);
      const peerFrames = await arrived('peer', round);

      const event = slaWarning(round, recipients.ids);
      load.send({ type: 'expect', stream: 'notification', round, count: RECIPIENTS });
      const sent = wallClock();
      await bench.host.runtime.bus.publish([event]);
      const stored = await storedAfter(notices, event.id, RECIPIENTS, sent);
      const frames = await arrived('notification', round);
      const raw = await rawInsertSeconds(notices, round);
      if (round === 0) continue;
      peerSse.push(...peerFrames.at.map((at) => at - peerSent));
      sse.push(...frames.at.map((at) => at - sent));
      storeSeconds += stored;
      rawSeconds += raw;
    }
    const sseMs = summarize(sse);
    const peerSseMs = summarize(peerSse);
    const noticesPerSecond = (RECIPIENTS * ROUNDS) / storeSeconds;
    const rawInsertsPerSecond = (RECIPIENTS * ROUNDS) / rawSeconds;
    return {
      setup: setup.label,
      recipients: RECIPIENTS,
      rounds: ROUNDS,
      noticesPerSecond,
      rawInsertsPerSecond,
      noticesRatio: noticesPerSecond / rawInsertsPerSecond,
      sseMs,
      peerSseMs,
      p50Ratio: sseMs.p50 / peerSseMs.p50,
      p99Ratio: sseMs.p99 / peerSseMs.p99,
    };
  } finally {
    load.stop();
    await peer.close();
    for (const bench of started.reverse()) await bench.stop();
  }
}

/** MariaDB + NATS with Redis as cache and pub/sub: the distributed shape, where live notices cross Redis. */
async function redisSetup(): Promise<BenchSetup | string> {
  if (!(await engineAvailable('redis'))) return `Redis at ${engineUrls.redis} did not answer`;
  const setup = await distributedSetup(['account', 'notification']);
  if (typeof setup === 'string') return setup;
  return {
    ...setup,
    label: 'nats:// + mariadb + redis://',
    env: { ...setup.env, CACHE_URL: `${engineUrls.redis}?keyPrefix=fob${randomBytes(4).toString('hex')}:` },
  };
}

export async function runNotificationSuite(progress: Progress): Promise<SuiteOutcome<NotificationResult>> {
  const results: NotificationResult[] = [];
  const skipped: string[] = [];
  results.push(await runSetup(embeddedSetup(), progress));
  const distributed = await redisSetup();
  if (typeof distributed === 'string') skipped.push(`nats:// + mariadb + redis:// left out: ${distributed}`);
  else results.push(await runSetup(distributed, progress));
  return { results, table: [notificationTable(results), ...skipped].join('\n') };
}

function notificationTable(results: NotificationResult[]): string {
  const columns = [
    { header: 'setup' },
    { header: 'notices/s', align: 'right' },
    { header: 'raw inserts/s', align: 'right' },
    { header: '÷ raw', align: 'right' },
    { header: 'SSE p50 ms', align: 'right' },
    { header: 'SSE p99 ms', align: 'right' },
    { header: 'peer p50 ms', align: 'right' },
    { header: 'peer p99 ms', align: 'right' },
    { header: 'p50 ÷ peer', align: 'right' },
    { header: 'p99 ÷ peer', align: 'right' },
  ] as const;
  const rows = results.map((r) => [
    r.setup,
    num(r.noticesPerSecond),
    num(r.rawInsertsPerSecond),
    num(r.noticesRatio, 2),
    num(r.sseMs.p50, 1),
    num(r.sseMs.p99, 1),
    num(r.peerSseMs.p50, 1),
    num(r.peerSseMs.p99, 1),
    num(r.p50Ratio, 1),
    num(r.p99Ratio, 1),
  ]);
  const first = results[0];
  const legend = first
    ? `one tickets.ticket.sla-warned.v1 event to ${first.recipients} recipients per round, ${first.rounds} rounds after a warm-up; ` +
      `${first.recipients} open SSE streams through the gateway (plus as many on the peer) held by a separate load process; ` +
      'latency from the event handed to the bus to each frame read; notices/s to the last inbox row committed'
    : '';
  return [formatTable(columns, rows), legend].join('\n');
}
