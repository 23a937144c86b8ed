import { accountService } from '@fieldops/account';
import type { ServiceDefinition } from '@fieldops/platform';

/** Every service this build can run, in start order (the account service issues the tokens the others check). */
export const ALL_SERVICES: ServiceDefinition[] = [accountService];

export function pickServices(names: string[] | undefined): ServiceDefinition[] {
  if (!names || names.length === 0) return ALL_SERVICES;
  return names.map((name) => {
    const service = ALL_SERVICES.find((s) => s.name === name);
    if (!service) throw new Error(`unknown service "${name}"; known: ${ALL_SERVICES.map((s) => s.name).join(', ')}`);
    return service;
  });
}
