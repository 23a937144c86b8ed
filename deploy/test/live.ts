import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ALERTS, loadRules } from './rules';
import { Background, CheckFailed, check, demoLoginWithin, freePort, ROOT, requireCommand, scratchDir, waitForOk } from './support';

const DASHBOARDS = path.join(ROOT, 'deploy/grafana/dashboards');
/**
 * Metrics declared but without a sample in this run: only failures make the first three (a handler throwing, an
 * event without a handler), only calls between processes the fourth (one process calls its services directly), and
 * only read replicas the last (this run has none: every process exports the family, and a replica's series appear
 * once `DATABASE_REPLICA_URL` names one, so an installation without replicas never sees the alert on it).
 */
const NO_SAMPLE_HERE = new Set([
  'fieldops_dead_letters_total',
  'fieldops_event_retries_total',
  'fieldops_events_unhandled_total',
  'fieldops_rpc_server_duration_seconds',
  'fieldops_db_replica_up',
]);
const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

interface Query {
  where: string;
  expr: string;
}

/** Every query of every dashboard panel and template variable, with Grafana's variables given test values. */
function dashboardQueries(): Query[] {
  const queries: Query[] = [];
  for (const file of readdirSync(DASHBOARDS).filter((f) => f.endsWith('.json'))) {
    const dashboard = JSON.parse(readFileSync(path.join(DASHBOARDS, file), 'utf8')) as {
      panels: { title: string; targets?: { expr: string }[] }[];
      templating: { list: { name: string; type: string; definition?: string }[] };
    };
    for (const panel of dashboard.panels) {
      check(panel.targets?.length, `${file} "${panel.title}": no query`);
      for (const target of panel.targets ?? []) queries.push({ where: `${file} "${panel.title}"`, expr: grafanaValues(target.expr) });
    }
    for (const variable of dashboard.templating.list.filter((v) => v.type === 'query')) {
      const match = /^label_values\((.+),\s*\w+\)$/.exec(variable.definition ?? '');
      check(match?.[1], `${file} variable ${variable.name}: not a label_values() query`);
      queries.push({ where: `${file} variable ${variable.name}`, expr: match[1] });
    }
  }
  return queries;
}

function grafanaValues(expr: string): string {
  return expr
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__range', '5m')
    .replace(/\$\{?(\w+)\}?/g, '.*');
}

/** The metric names a PromQL expression selects (functions, keywords, label matchers and durations left out). */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)\s*(\()?/g)) {
    const [, name, call] = match;
    if (!name || call || PROMQL_WORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}

async function prometheusApi<T>(base: string, endpoint: string, params: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${base}/api/v1/${endpoint}?${new URLSearchParams(params)}`);
  const body = (await response.json()) as { status: string; data: T; error?: string };
  if (body.status !== 'success') throw new CheckFailed(`${endpoint} ${JSON.stringify(params)}: ${body.error}`);
  return body.data;
}

async function hasSeries(prom: string, query: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if ((await prometheusApi<{ result: unknown[] }>(prom, 'query', { query })).result.length > 0) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A short, bounded load on this machine's FieldOps: logins (good and bad), reads, a verified and a refused check-in. */
async function generateLoad(base: string): Promise<void> {
  const login = async (email: string, password: string) =>
    fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  // Failed logins of nobody (a real account would be locked after a few).
  for (let i = 0; i < 5; i++) await login('nobody@fieldops.test', 'wrong-password');
  const session = (await (await login('rep1.sg@fieldops.test', 'demo1234')).json()) as { accessToken?: string };
  check(session.accessToken, 'the demo rep could not log in');
  const headers = { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' };
  for (const route of ['/api/v1/leads?limit=5', '/api/v1/merchants?limit=5', '/api/v1/visits?limit=5', '/api/v1/search?q=bakery']) {
    await fetch(`${base}${route}`, { headers });
  }
  const merchants = (await (await fetch(`${base}/api/v1/merchants?limit=1`, { headers })).json()) as {
    items: { id: string; lat: number; lng: number }[];
  };
  const merchant = merchants.items[0];
  check(merchant, 'the demo rep sees no merchant to check in at');
  const checkIn = (targetId: string) =>
    fetch(`${base}/api/v1/visits`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        targetType: 'merchant',
        targetId,
        lat: merchant.lat,
        lng: merchant.lng,
        accuracyM: 8,
        deviceTime: new Date().toISOString(),
        mockLocation: false,
      }),
    });
  const verified = await checkIn(merchant.id);
  check(verified.status === 201, `a check-in at the merchant answered ${verified.status}: ${await verified.text()}`);
  const refused = await checkIn('no-such-merchant');
  check(refused.status === 422, `a check-in at an unknown target answered ${refused.status}`);
}

/**
 * Starts FieldOps (embedded, demo data) and a real Prometheus scraping it with the alert rules loaded, puts a short
 * load on it, then runs every dashboard query and every rule: each must parse, each metric it names must be one
 * FieldOps exports (with samples, but for failure-only counters), and every rule must evaluate without error.
 */
export async function live(): Promise<string> {
  await requireCommand('prometheus', 'prometheus');
  const dir = scratchDir('live');
  const appPort = await freePort();
  const promPort = await freePort();
  const startApp = () =>
    Background.start(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'serve'], {
      env: {
        ...process.env,
        DATA_DIR: path.join(dir, 'data'),
        PORT: String(appPort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_LOGIN_MAX: '100',
      },
    });
  let app = startApp();
  const config = path.join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      // A busy machine takes over a second to render /metrics: a scrape gets 3 s.
      'global: { scrape_interval: 3s, scrape_timeout: 3s, evaluation_interval: 3s }',
      `rule_files: ["${ALERTS}"]`,
      'scrape_configs:',
      '  - job_name: fieldops',
      `    static_configs: [{ targets: ["127.0.0.1:${appPort}"] }]`,
      '',
    ].join('\n'),
  );
  const prometheus = Background.start('prometheus', [
    `--config.file=${config}`,
    `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
  ]);
  const prom = `http://127.0.0.1:${promPort}`;
  const base = `http://127.0.0.1:${appPort}`;
  try {
    await waitForOk(`${prom}/-/ready`, 60_000, prometheus.exited);
    await waitForOk(`${base}/readyz`, 180_000, app.exited).catch(async (error: unknown) => {
      // The first start's demo seed calls services with a 5 s deadline, which a machine busy enough misses and the
      // process exits; the seed is idempotent, so a second start carries on where it stopped.
      if (!app.exited()) throw error;
      console.log(`fieldops exited during its first start (${app.log(1)}); starting it again`);
      app = startApp();
      await waitForOk(`${base}/readyz`, 180_000, app.exited);
    });
    await demoLoginWithin(base, 120_000);
    await generateLoad(base);
    // The load's check-ins, the refused one counted by the route and the recorded one by the relay, reach Prometheus.
    for (const outcome of ['outcome="refused"', 'outcome!="refused"']) {
      const query = `fieldops_business_events_total{event="checkin.visit.checked-in",${outcome}}`;
      check(await hasSeries(prom, query, 60_000), `${query}: no sample after the load's check-ins`);
    }
    await new Promise((r) => setTimeout(r, 3000));

    const withSamples = new Set(await prometheusApi<string[]>(prom, 'label/__name__/values'));
    const declared = await (await fetch(`${base}/metrics`)).text();
    const recorded = new Set(loadRules().flatMap((r) => (r.record ? [r.record] : [])));
    const queries = [...dashboardQueries(), ...loadRules().map((r) => ({ where: `alerts.yml ${r.alert ?? r.record}`, expr: r.expr }))];
    const missing: string[] = [];
    const noSamples = new Set<string>();
    for (const { where, expr } of queries) {
      await prometheusApi(prom, 'query', { query: expr }).catch((error: unknown) => {
        throw new CheckFailed(`${where}: the query does not run: ${error instanceof Error ? error.message : String(error)}`);
      });
      for (const name of metricNames(expr)) {
        if (withSamples.has(name)) continue;
        const family = name.replace(/_(bucket|count|sum)$/, '');
        const exported = new RegExp(`^# TYPE ${family} `, 'm').test(declared);
        if (recorded.has(name) || (exported && NO_SAMPLE_HERE.has(family))) noSamples.add(name);
        else missing.push(`${where}: ${name}${exported ? ' (exported, but no sample after the load)' : ' (not exported)'}`);
      }
    }
    check(missing.length === 0, `queries name metrics Prometheus does not have:\n${missing.join('\n')}`);
    const groups = await prometheusApi<{ groups: { rules: { name: string; health: string; lastError?: string }[] }[] }>(prom, 'rules');
    const rules = groups.groups.flatMap((g) => g.rules);
    const broken = rules.filter((r) => r.health === 'err');
    check(broken.length === 0, `rules that fail to evaluate: ${broken.map((r) => `${r.name}: ${r.lastError}`).join('; ')}`);
    check(rules.length === loadRules().length, `Prometheus loaded ${rules.length} rules of ${loadRules().length}`);
    const names = new Set(queries.flatMap((q) => metricNames(q.expr)));
    return `${queries.length} queries (dashboards and rules) ran against a live Prometheus; ${names.size} metrics, ${
      names.size - noSamples.size
    } with samples, no sample in this run (failure-only, between processes, or recorded): ${[...noSamples].sort().join(', ') || 'none'}`;
  } catch (error) {
    throw new CheckFailed(
      `${error instanceof Error ? error.message : String(error)}\n--- fieldops:\n${app.log(15)}\n--- prometheus:\n${prometheus.log(10)}`,
    );
  } finally {
    await Promise.all([app.stop(), prometheus.stop()]);
  }
}
