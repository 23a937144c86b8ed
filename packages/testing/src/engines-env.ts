import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropMysqlDatabase } from '@fieldops/platform';
import { engineAvailable, engineUrls } from './engines';

/**
 * A database engine for a test: each use gets fresh, empty databases (a temporary SQLite directory, or MariaDB
 * databases under a unique prefix), dropped afterwards.
 */
export interface TestDatabaseEngine {
  name: 'sqlite' | 'mariadb';
  /** Makes a fresh place for every service's database; answers the DATABASE_URL and a cleanup. */
  create(): { url: string; cleanup(services: string[]): Promise<void> };
}

const sqlite: TestDatabaseEngine = {
  name: 'sqlite',
  create() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-test-'));
    return { url: `sqlite:${dir}`, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  },
};

/** Fresh databases under a unique prefix on the MariaDB server at `serverUrl` (the shared one, or a test's own). */
export function mariadbEngineAt(serverUrl: string): TestDatabaseEngine {
  return {
    name: 'mariadb',
    create() {
      const prefix = `fot_${randomBytes(4).toString('hex')}_`;
      return {
        url: `${serverUrl}/?databasePrefix=${prefix}`,
        cleanup: async (services) => {
          for (const service of services) await dropMysqlDatabase(serverUrl, `${prefix}${service}`);
        },
      };
    },
  };
}

const mariadb = mariadbEngineAt(engineUrls.mariadb);

/** SQLite always; MariaDB when it answers (always in CI, where a missing one fails the suite). */
export async function databaseEngines(): Promise<TestDatabaseEngine[]> {
  return (await engineAvailable('mariadb')) ? [sqlite, mariadb] : [sqlite];
}

/**
 * The process-level engines for a test host: embedded drivers, or the distributed ones. A host started on NATS
 * or Redis gets its own stream and key prefix (see `isolate`), so test files running in parallel never share
 * consumers, events or rate-limit counters.
 */
export interface TestEngines {
  name: string;
  database: TestDatabaseEngine;
  busUrl: string;
  cacheUrl: string;
  /** Settings the engines need besides the URLs (`OUTBOX_RELAY=binlog`…). */
  env?: Record<string, string>;
}

/** Unique stream/subject and key prefix on shared servers; `local:` and `memory:` are private already. */
export function isolate(engines: TestEngines): { busUrl: string; cacheUrl: string; stream: string | undefined } {
  const id = randomBytes(4).toString('hex');
  const stream = engines.busUrl.startsWith('nats:') ? `FOT_${id}` : undefined;
  return {
    busUrl: stream ? `${engines.busUrl}?stream=${stream}&subjectPrefix=fot${id}` : engines.busUrl,
    cacheUrl: engines.cacheUrl.startsWith('redis') ? `${engines.cacheUrl}?keyPrefix=fot${id}:` : engines.cacheUrl,
    stream,
  };
}

export const embeddedEngines: TestEngines = { name: 'sqlite+local+memory', database: sqlite, busUrl: 'local:', cacheUrl: 'memory:' };

export async function distributedEngines(): Promise<TestEngines | undefined> {
  const ok = (await engineAvailable('mariadb')) && (await engineAvailable('nats')) && (await engineAvailable('redis'));
  return ok ? { name: 'mariadb+nats+redis', database: mariadb, busUrl: engineUrls.nats, cacheUrl: engineUrls.redis } : undefined;
}

/** Embedded engines always, plus MariaDB + NATS + Redis when they answer. */
export async function hostEngines(): Promise<TestEngines[]> {
  const distributed = await distributedEngines();
  return distributed ? [embeddedEngines, distributed] : [embeddedEngines];
}
