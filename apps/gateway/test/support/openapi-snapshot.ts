import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { checkinService } from '@fieldops/checkin';
import { fileService } from '@fieldops/file';
import { leadsService } from '@fieldops/leads';
import { merchantService } from '@fieldops/merchant';
import { createLogger, Host, loadConfig } from '@fieldops/platform';
import { poiService } from '@fieldops/poi';
import { searchService } from '@fieldops/search';
import { createGateway } from '../../src/index';

/** The committed snapshot of the merged public OpenAPI document; a test fails when the services' routes differ. */
export const OPENAPI_SNAPSHOT = path.resolve(import.meta.dirname, '../../openapi.json');

/** Every service `fieldops serve` mounts, so that the document is the whole public API. */
const SERVICES = [accountService, areaService, poiService, fileService, merchantService, leadsService, checkinService, searchService];

/** `GET /api/openapi.json` of an embedded gateway with every service, on throwaway in-memory engines. */
export async function printOpenApi(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-openapi-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'sqlite::memory:', BUS_URL: 'local:', CACHE_URL: 'memory:' });
    const host = await Host.start({
      config,
      services: SERVICES,
      edge: createGateway({ services: SERVICES }),
      listen: false,
      background: false,
      log: createLogger('silent'),
    });
    try {
      const response = await host.app.inject({ method: 'GET', url: '/api/openapi.json' });
      if (response.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${response.statusCode}: ${response.body}`);
      return `${JSON.stringify(response.json(), null, 2)}\n`;
    } finally {
      await host.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `npm run gen:openapi -w @fieldops/gateway` rewrites the snapshot after a deliberate API change.
if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  fs.writeFileSync(OPENAPI_SNAPSHOT, await printOpenApi());
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_SNAPSHOT)}`);
}
