// The table a run prints: faults by kind with their convergence, the checks, and latency and errors per phase.
import { formatTable, num } from '../text-table';
import type { Check } from './checks';
import type { FaultOutcome } from './faults';
import type { Ledger } from './ledger';

export function faultTable(outcomes: FaultOutcome[]): string {
  return formatTable(
    [{ header: 'fault' }, { header: 'target' }, { header: 'converged after heal (s)', align: 'right' }, { header: 'note' }],
    outcomes.map((o) => [
      o.kind,
      o.target,
      Number.isFinite(o.convergedS) ? num(o.convergedS, 1) : 'never',
      o.outageAnswers
        ? `${o.outageAnswers.count} answers while down, slowest ${num(o.outageAnswers.slowestMs)} ms, ${o.outageAnswers.all503 ? 'all 503 problem+json with Retry-After' : 'NOT all 503'}`
        : '',
    ]),
  );
}

export function faultCounts(outcomes: FaultOutcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  return [...counts.entries()].map(([kind, n]) => `${kind} ×${n}`).join(', ');
}

export function checkTable(checks: Check[]): string {
  return formatTable(
    [{ header: 'check' }, { header: 'expected' }, { header: 'measured' }, { header: 'result' }],
    checks.map((c) => [c.name, c.expected, c.measured, c.ok ? 'ok' : 'FAILED']),
  );
}

export function phaseTable(ledger: Ledger): string {
  return formatTable(
    [
      { header: 'phase' },
      { header: 'requests', align: 'right' },
      { header: 'errors (5xx, timeouts)', align: 'right' },
      { header: 'p99 ms', align: 'right' },
    ],
    ledger.phaseSummaries().map((p) => [p.phase, num(p.requests), `${num(p.errorRate * 100, 1)} %`, num(p.p99Ms)]),
  );
}
