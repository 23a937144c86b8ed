import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, dropMysqlDatabase, Host, loadConfig } from '@fieldops/platform';
import { engineAvailable, enginesRequired, engineUrls } from '@fieldops/testing';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { accountService } from '../src/index';

// Replicas of the account service (and a seed run) that start together on a fresh installation all create the
// built-in roles; the fault suite's start found one of them failing on the unique role name.
const mariadbUp = await engineAvailable('mariadb');
if (!mariadbUp) {
  describe('account replicas starting together', () => {
    it('is left out because MariaDB does not answer on this machine (never in CI)', () => {
      expect(enginesRequired).toBe(false);
    });
  });
}

describe.runIf(mariadbUp)('account replicas starting together', () => {
  const prefix = `fot_${randomBytes(4).toString('hex')}_`;
  const dirs: string[] = [];
  const hosts: Host[] = [];
  afterAll(async () => {
    await Promise.allSettled(hosts.map((h) => h.stop()));
    await dropMysqlDatabase(engineUrls.mariadb, `${prefix}account`);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-replica-'));
    dirs.push(dir);
    const config = loadConfig({
      DATA_DIR: dir,
      PORT: '1',
      HOST: '127.0.0.1',
      DATABASE_URL: `${engineUrls.mariadb}/?databasePrefix=${prefix}`,
      BUS_URL: 'local:',
      CACHE_URL: 'memory:',
    });
    return Host.start({ config, services: [accountService], listen: false, log: createLogger('silent') });
  };

  it('all start on one fresh database, and each built-in role exists once', async () => {
    const started = await Promise.allSettled([start(), start(), start()]);
    for (const outcome of started) if (outcome.status === 'fulfilled') hosts.push(outcome.value);
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual(['started', 'started', 'started']);
    const db = hosts[0]?.service('account')?.db;
    if (!db) throw new Error('no account database');
    const { rows } = await sql<{ name: string; n: number }>`SELECT name, COUNT(*) AS n FROM role GROUP BY name ORDER BY name`.execute(db);
    expect(rows.map((r) => [r.name, Number(r.n)])).toEqual(
      ['admin', 'agency_manager', 'agency_rep', 'city_manager', 'country_manager', 'rep', 'team_lead'].map((name) => [name, 1]),
    );
  });
});
