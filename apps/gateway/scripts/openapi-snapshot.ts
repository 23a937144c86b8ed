import fs from 'node:fs';
import path from 'node:path';
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
import { poiService } from '@fieldops/poi';
import { searchService } from '@fieldops/search';
import { startTestHost } from '@fieldops/testing';
import { ticketsService } from '@fieldops/tickets';
import { createGateway } from '../src/index';

/** The committed snapshot of the public OpenAPI document; a test fails when the live document differs. */
export const OPENAPI_SNAPSHOT = path.resolve(import.meta.dirname, '../openapi.json');

/** Every service, so the document is the one the embedded gateway serves. */
export const documentedServices = [
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
  notificationService,
  marketingService,
  migrationService,
];

/** The snapshot's text: the document as the formatter leaves it, so the test compares byte for byte. */
export function printOpenApi(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Builds the merged document by starting every service in this process, as `fieldops serve` does. */
export async function liveOpenApi(): Promise<unknown> {
  const host = await startTestHost({ services: documentedServices, edge: createGateway({ services: documentedServices }) });
  try {
    const answer = await host.api('GET', '/api/openapi.json');
    if (answer.status !== 200) throw new Error(`GET /api/openapi.json answered ${answer.status}`);
    return answer.body;
  } finally {
    await host.stop();
  }
}

// `npm run gen:openapi -w @fieldops/gateway` rewrites the snapshot after a deliberate API change.
if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  fs.writeFileSync(OPENAPI_SNAPSHOT, printOpenApi(await liveOpenApi()));
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_SNAPSHOT)}`);
  process.exit(0);
}
