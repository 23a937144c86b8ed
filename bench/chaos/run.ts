// `npm run chaos [-- --short] [--fault KIND]… [--keep-logs]`: the fault suite in distributed mode. Starts its own
// MariaDB, 3-node NATS JetStream cluster, Redis and S3 server, every FieldOps service as two replicas and two gateways
// as separate processes (gateway B in a network namespace of its own where the machine allows), drives simulated reps
// and managers through the gateways while it injects faults, then checks that nothing acknowledged was lost or applied
// twice and prints the table. Exits non-zero when a check fails. Everything it starts it stops. `--fault KIND`
// (repeatable) injects only the faults named, in that order, instead of the plan's shuffled list: to look at one
// fault's recovery again and again. `--keep-logs` keeps the engines' and services' logs of a run that passed too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ackedWritesPresent,
  type Check,
  claimsSound,
  conversionsCompleted,
  eventsAppliedTwice,
  eventsDelivered,
  searchMatchesOwners,
} from './checks';
import { startEngines } from './cluster';
import { killAll, sleep } from './daemon';
import {
  converge,
  DRAINING_PHASE,
  type Durations,
  FAULT_KINDS,
  type FaultContext,
  type FaultKind,
  type FaultOutcome,
  inject,
} from './faults';
import { fieldopsDaemon, GROUPED, ONE_PER_SERVICE, REPLICAS, SERVICES, startFleet } from './fleet';
import { Ledger } from './ledger';
import { startLoad } from './load';
import { type Network, setUpNetwork } from './network';
import { Observer } from './observe';
import { checkTable, faultCounts, faultTable, phaseTable } from './report';

const short = process.argv.includes('--short');

interface Plan {
  reps: number;
  faults: FaultKind[];
  durations: Durations;
  /** Steady load before each fault: a random moment between these, in ms. */
  gapMs: [number, number];
}

const PLAN: Plan = short
  ? {
      reps: 6,
      faults: [
        'kill -9 service',
        'kill -9 gateway',
        'SIGTERM service',
        'kill -9 one NATS node',
        'all NATS nodes down',
        'MariaDB down',
        'partition gateway-b / checkin',
        'slow consumer (search paused)',
      ],
      durations: { restartAfterMs: 2_000, natsOutageMs: 15_000, databaseOutageMs: 10_000, partitionMs: 8_000, slowMs: 8_000 },
      gapMs: [1_000, 3_000],
    }
  : {
      reps: 10,
      faults: [
        'kill -9 service',
        'kill -9 service',
        'kill -9 gateway',
        'SIGTERM service',
        'kill -9 one NATS node',
        'all NATS nodes down',
        'MariaDB down',
        'partition gateway-b / checkin',
        'slow consumer (search paused)',
      ],
      durations: { restartAfterMs: 4_000, natsOutageMs: 60_000, databaseOutageMs: 20_000, partitionMs: 30_000, slowMs: 30_000 },
      gapMs: [5_000, 15_000],
    };

/** The faults named with `--fault`, in the order given; none names the plan's. */
function chosenFaults(args: string[]): FaultKind[] {
  const chosen: FaultKind[] = [];
  for (const [i, arg] of args.entries()) {
    if (arg !== '--fault') continue;
    const kind = FAULT_KINDS.find((k) => k === args[i + 1]);
    if (!kind) {
      console.error(`--fault takes one of: ${FAULT_KINDS.map((k) => `"${k}"`).join(', ')}`);
      process.exit(2);
    }
    chosen.push(kind);
  }
  return chosen;
}

const chosen = chosenFaults(process.argv.slice(2));
const keepLogs = process.argv.includes('--keep-logs');
const shuffled = <T>(items: T[]): T[] => [...items].sort(() => Math.random() - 0.5);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (text: string) => console.log(`[chaos ${elapsed()}] ${text}`);

async function login(gateway: string, email: string): Promise<string> {
  const response = await fetch(`${gateway}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo1234' }),
  });
  if (response.status !== 200) throw new Error(`login of ${email} answered ${response.status}`);
  return String(((await response.json()) as { accessToken: string }).accessToken);
}

async function main(dir: string, network: Network): Promise<boolean> {
  say(`${short ? 'short' : 'full'} run; engines, logs and data in ${dir}`);
  say(
    network.mode === 'namespaces'
      ? `gateway B in network namespace ${network.gatewayB.namespace} (${network.gatewayB.host}); the partition takes a veth link down`
      : `one loopback network, the partition is a TCP proxy: ${network.fallbackReason}`,
  );
  const engines = await startEngines(dir, network.host);
  say(`engines up on ${engines.host}: MariaDB :${engines.mariadbPort}, NATS :${engines.natsPorts.join(', :')} (streams R3), Redis, S3`);
  // The load works in Singapore only: its demo organisation and territories are all the seed makes. The seed and the
  // fleet start together (migrations lock, the seed's events wait on the broker for consumers that subscribe later).
  const seed = fieldopsDaemon(
    'seed',
    ['seed', '--demo', '--services', 'account,area'],
    { ...engines.env, DATA_DIR: dir, DEMO_COUNTRIES: 'SG' },
    dir,
  );
  seed.start();
  const [seeded, fleet] = await Promise.all([seed.finished(), startFleet(engines.env, dir, short ? GROUPED : ONE_PER_SERVICE, network)]);
  if (seeded !== 0) throw new Error('the demo seed failed (see seed.log)');
  say(`demo organisation seeded; ${fleet.services.length} service processes (${REPLICAS} replicas of each) and 2 gateways ready`);
  const gateways = fleet.gateways.map((g) => g.url);
  let adminToken = await login(gateways[0] ?? '', 'admin@fieldops.test');
  const refresh = setInterval(() => {
    login(gateways[0] ?? '', 'admin@fieldops.test').then(
      (token) => {
        adminToken = token;
      },
      () => undefined,
    );
  }, 240_000);

  const ledger = new Ledger();
  const observer = new Observer(engines.host, engines.mariadbPort);
  const ctx: FaultContext = { engines, fleet, network, ledger, observer, durations: PLAN.durations, token: () => adminToken, say };
  try {
    ledger.enter('steady');
    const load = await startLoad(gateways, PLAN.reps, ledger);
    say(`${PLAN.reps} reps and 2 managers at work through both gateways`);
    const outcomes: FaultOutcome[] = [];
    for (const kind of chosen.length > 0 ? chosen : shuffled(PLAN.faults)) {
      ledger.enter('steady');
      await sleep(PLAN.gapMs[0] + Math.random() * (PLAN.gapMs[1] - PLAN.gapMs[0]));
      ledger.enter(kind);
      say(`fault: ${kind}`);
      const outcome = await inject(ctx, kind);
      outcomes.push(outcome);
      say(
        `  ${outcome.target}: converged ${outcome.convergedS.toFixed(1)} s after the heal${outcome.recovery ? ` (broker back after ${outcome.recovery.brokerBackS.toFixed(1)} s, delivered ${outcome.recovery.deliveredS.toFixed(1)} s later)` : ''}`,
      );
    }
    ledger.enter('steady');
    await sleep(PLAN.gapMs[1]);
    await load.stop();
    const settled = await converge(ctx, Date.now());
    say(`load stopped; the last events delivered after ${settled.toFixed(1)} s`);

    const checks: Check[] = [
      await ackedWritesPresent(observer, ledger),
      await eventsAppliedTwice(observer, SERVICES),
      ...(await eventsDelivered(observer)),
      await searchMatchesOwners(observer, gateways[0] ?? '', adminToken),
      await claimsSound(observer),
      await conversionsCompleted(observer, ledger),
    ];
    const outage = outcomes.filter((o) => o.outageAnswers);
    // The plan always takes the database down; a run of chosen faults checks the outage only if it was chosen.
    if (chosen.length === 0 || outage.length > 0)
      checks.push({
        name: 'DB outage: 503 problem+json with Retry-After within 1 s',
        expected: 'all, ≤ 1000 ms',
        measured: outage
          .map((o) => `${o.outageAnswers?.count} answers, slowest ${Math.round(o.outageAnswers?.slowestMs ?? 0)} ms`)
          .join('; '),
        ok: outage.length > 0 && outage.every((o) => o.outageAnswers?.all503 && (o.outageAnswers?.slowestMs ?? 0) <= 1_000),
      });
    const nats = outcomes.filter((o) => o.kind === 'all NATS nodes down');
    checks.push({
      name: 'NATS outage: delivered within 30 s of recovery (JetStream healthy on every node)',
      expected: '≤ 30 s',
      measured: nats
        .map((o) =>
          o.recovery
            ? `${o.recovery.deliveredS.toFixed(1)} s (broker back ${o.recovery.brokerBackS.toFixed(1)} s after the restart)`
            : 'not measured',
        )
        .join('; '),
      ok: nats.every((o) => o.recovery !== undefined && o.recovery.deliveredS <= 30),
    });
    const graceful = ledger.failuresIn(DRAINING_PHASE);
    checks.push({
      name: 'SIGTERM of one replica: requests that failed while it drained (5xx, cut off)',
      expected: '0',
      measured: `${graceful.failed}${graceful.statuses.length ? ` (${graceful.statuses.join(', ')})` : ''}; ${graceful.timeouts} slower than the client's 10 s`,
      ok: graceful.failed === 0,
    });
    checks.push({
      name: 'answers that broke the contract (500, unexpected 4xx)',
      expected: '0',
      measured: `${ledger.violations.length}${ledger.violations.length ? `: ${ledger.violations.slice(0, 3).join(' | ')}` : ''}`,
      ok: ledger.violations.length === 0,
    });

    console.log(`\nFaults injected: ${faultCounts(outcomes)}`);
    console.log(
      `Acknowledged writes: ${ledger.acked.length} (leads ${ledger.count('lead')}, visits ${ledger.count('visit')}, check-outs ${ledger.count('check-out')}, claims ${ledger.count('claim')}, releases ${ledger.count('release')}, conversions ${ledger.count('conversion')}, uploads ${ledger.count('upload')}, area edits ${ledger.count('area edit')})\n`,
    );
    console.log(faultTable(outcomes));
    console.log('');
    console.log(checkTable(checks));
    console.log('');
    console.log(phaseTable(ledger));
    if (ledger.violations.length > 0) console.log(`\nViolations:\n  ${ledger.violations.join('\n  ')}`);
    // One plain line for CI, which counts each check as a test.
    const passed = checks.filter((c) => c.ok).length;
    console.log(`\nchaos: ${passed} checks passed, ${checks.length - passed} failed`);
    return passed === checks.length;
  } finally {
    clearInterval(refresh);
    await observer.close().catch(() => undefined);
    await killAll();
    await fleet.close().catch(() => undefined);
    await engines.s3.stop().catch(() => undefined);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-chaos-'));
const network = setUpNetwork();
const stopEverything = async (code: number) => {
  await killAll();
  await network.close().catch(() => undefined);
  process.exit(code);
};
process.once('SIGINT', () => void stopEverything(130));
process.once('SIGTERM', () => void stopEverything(143));
main(dir, network).then(
  async (ok) => {
    say(ok ? 'every check passed' : `a check FAILED; logs kept in ${dir}`);
    if (ok && !keepLogs) fs.rmSync(dir, { recursive: true, force: true });
    else if (ok) say(`logs kept in ${dir}`);
    await network.close().catch(() => undefined);
    process.exit(ok ? 0 : 1);
  },
  async (error: unknown) => {
    console.error(error);
    await killAll();
    await network.close().catch(() => undefined);
    say(`the run FAILED; logs kept in ${dir}`);
    process.exit(1);
  },
);
