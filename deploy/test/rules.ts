import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { check, ROOT, requireCommand, run } from './support';

export const ALERTS = path.join(ROOT, 'deploy/prometheus/alerts.yml');
const TESTS = path.join(ROOT, 'deploy/prometheus/alerts.test.yml');

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
}

export function loadRules(): Rule[] {
  const file = parse(readFileSync(ALERTS, 'utf8')) as { groups: { rules: Rule[] }[] };
  return file.groups.flatMap((g) => g.rules);
}

interface RuleTest {
  name: string;
  input_series: { series: string }[];
  alert_rule_test: { alertname: string; exp_alerts?: unknown[] }[];
}

/**
 * promtool checks the rules and runs their unit tests; then every alert must have a test where it fires and one
 * where it stays quiet (an evaluation expecting nothing, or input series it must leave out), and a runbook section.
 */
export async function rules(): Promise<string> {
  await requireCommand('promtool', 'prometheus');
  await run('promtool', ['check', 'rules', ALERTS]);
  const tested = await run('promtool', ['test', 'rules', TESTS]);
  check(/SUCCESS/.test(tested.output), `promtool test rules did not succeed:\n${tested.output}`);

  const alerts = loadRules().flatMap((r) => (r.alert ? [r.alert] : []));
  const tests = (parse(readFileSync(TESTS, 'utf8')) as { tests: RuleTest[] }).tests;
  const runbook = readFileSync(path.join(ROOT, 'docs/operations.md'), 'utf8').toLowerCase();
  for (const alert of alerts) {
    const cases = tests.flatMap((t) => t.alert_rule_test.filter((c) => c.alertname === alert).map((c) => ({ test: t, c })));
    check(
      cases.some(({ c }) => (c.exp_alerts ?? []).length > 0),
      `${alert}: no unit test where it fires`,
    );
    const quiet = cases.some(
      ({ test, c }) => (c.exp_alerts ?? []).length === 0 || distinctSeries(test.input_series) > (c.exp_alerts ?? []).length,
    );
    check(quiet, `${alert}: no unit test where it stays quiet`);
    check(runbook.includes(`#### ${alert.toLowerCase()}`), `${alert}: no "#### ${alert}" section in docs/operations.md`);
    check(
      readFileSync(ALERTS, 'utf8').includes(`runbook_url: docs/operations.md#${alert.toLowerCase()}`),
      `${alert}: its runbook_url does not point at its section`,
    );
  }
  return `${alerts.length} alerts, ${loadRules().length - alerts.length} recording rules, ${tests.length} unit tests`;
}

/** Series that differ in more than the labels one alert sums away (bucket, status, outcome). */
function distinctSeries(series: { series: string }[]): number {
  const keys = series.map((s) => s.series.replace(/^[^{]*/, '').replace(/,?(le|status|outcome)="[^"]*"/g, ''));
  return new Set(keys).size;
}
