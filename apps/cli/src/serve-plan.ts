import type { ServiceDefinition } from '@fieldops/platform';
import { UsageError } from './command';
import { ALL_SERVICES, pickServices } from './services';

/** Not a service: the name `--services` uses for the gateway edge. */
export const GATEWAY = 'gateway';

/** What one `fieldops serve` process runs. */
export interface ServePlan {
  services: ServiceDefinition[];
  gateway: boolean;
  /** Everything in one process (no `--services`): the only mode that seeds demo data by itself. */
  embedded: boolean;
}

export function planServe(names: string[] | undefined): ServePlan {
  if (names === undefined) return { services: ALL_SERVICES, gateway: true, embedded: true };
  if (names.length === 0) throw new UsageError('--services names no service', 'serve');
  const serviceNames = names.filter((name) => name !== GATEWAY);
  const unknown = serviceNames.find((name) => !ALL_SERVICES.some((s) => s.name === name));
  if (unknown !== undefined) {
    const known = [GATEWAY, ...ALL_SERVICES.map((s) => s.name)].join(', ');
    throw new UsageError(`unknown service "${unknown}"; known: ${known}`, 'serve');
  }
  return {
    services: serviceNames.length > 0 ? pickServices(serviceNames, 'serve') : [],
    gateway: names.includes(GATEWAY),
    embedded: false,
  };
}
