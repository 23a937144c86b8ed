import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { checkinService } from '@fieldops/checkin';
import { fileService } from '@fieldops/file';
import { leadsService } from '@fieldops/leads';
import { marketingService } from '@fieldops/marketing';
import { merchantService } from '@fieldops/merchant';
import { migrationService } from '@fieldops/migration';
import { notificationService } from '@fieldops/notification';
import { performanceService } from '@fieldops/performance';
import type { ServiceDefinition } from '@fieldops/platform';
import { poiService } from '@fieldops/poi';
import { searchService } from '@fieldops/search';
import { ticketsService } from '@fieldops/tickets';
import { UsageError } from './command';

/** Every service this build can run, in start order (the account service issues the tokens the others check). */
export const ALL_SERVICES: ServiceDefinition[] = [
  accountService,
  areaService,
  poiService,
  fileService,
  merchantService,
  leadsService,
  checkinService,
  performanceService,
  ticketsService,
  searchService,
  marketingService,
  notificationService,
  migrationService,
];

/** The services named on the command line (all of them when none are), kept in start order. */
export function pickServices(names: string[] | undefined, command?: string): ServiceDefinition[] {
  if (names === undefined) return ALL_SERVICES;
  if (names.length === 0) throw new UsageError('--services names no service', command);
  const unknown = names.find((name) => !ALL_SERVICES.some((s) => s.name === name));
  if (unknown !== undefined) {
    throw new UsageError(`unknown service "${unknown}"; known: ${ALL_SERVICES.map((s) => s.name).join(', ')}`, command);
  }
  return ALL_SERVICES.filter((s) => names.includes(s.name));
}
