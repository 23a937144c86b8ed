import type { Host } from '@fieldops/platform';
import { type CliIo, println } from './command';
import type { ServePlan } from './serve-plan';

/** Where to go next, printed once the process is up (and seeded). */
export function printServeBanner(io: CliIo, host: Host, plan: ServePlan): void {
  const parts = [...plan.services.map((s) => s.name), ...(plan.gateway ? ['gateway'] : [])];
  const links: [string, string][] = plan.gateway
    ? [
        ['API docs', `${host.url}/api/docs`],
        ['Metrics', `${host.url}/metrics`],
      ]
    : [
        ['Metrics', `${host.url}/metrics`],
        ['Ready', `${host.url}/readyz`],
      ];
  println(io.out, `FieldOps is running (${parts.join(' + ')}) at ${host.url}`);
  for (const [name, url] of links) println(io.out, `  ${name.padEnd(10)}${url}`);
  println(io.out, 'Stop with Ctrl+C (SIGINT) or SIGTERM.');
}
