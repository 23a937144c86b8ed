import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountService } from '@fieldops/account';
import { engineAvailable, engineUrls, eventually, startTcpProxy, type TcpProxy } from '@fieldops/testing';
import { describe, expect, it } from 'vitest';
import { createLogger, dropMysqlDatabase, Host, loadConfig } from '../src/index';
import { notesService } from './fixtures/notes-service';

const mariadb = await engineAvailable('mariadb');

describe.runIf(mariadb)('while the database is down (MariaDB behind a link the test closes)', () => {
  it('answers 503 problem+json with Retry-After at once (and, when the server goes silent, once a statement outlasts its bound), goes unready, and serves again when the database is back, without a restart', async () => {
    const target = new URL(engineUrls.mariadb);
    let link: TcpProxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 3306) });
    const port = link.port;
    const prefix = `fo_outage_${randomBytes(4).toString('hex')}_`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-outage-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      // A short statement bound, so that the silent database below is noticed quickly.
      DATABASE_URL: `mysql://root@127.0.0.1:${port}/?databasePrefix=${prefix}&queryTimeoutMs=2000`,
      // The tokens come from an account service on SQLite: only the notes' database goes away.
      ACCOUNT_DATABASE_URL: `sqlite:${dataDir}`,
    });
    config.port = 0;
    const host = await Host.start({ config, services: [accountService, notesService], log: createLogger('silent') });
    try {
      await host.seedDemo();
      const login = await fetch(`${host.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'rep1.sg@fieldops.test', password: 'demo1234' }),
      });
      const headers = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
      // A read that reaches the database: a note nobody wrote answers 404 while the database is there.
      const id = '01900000-0000-7000-8000-000000000000';
      expect((await fetch(`${host.url}/api/v1/notes/${id}`, { headers })).status).toBe(404);

      await link.close();
      const started = Date.now();
      const down = await fetch(`${host.url}/api/v1/notes/${id}`, { headers, signal: AbortSignal.timeout(10_000) });
      const answeredWithinMs = Date.now() - started;
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await down.json()).toMatchObject({ status: 503, title: 'Service unavailable' });
      // Not the driver's 10 s connect timeout nor a hang: a refused connection is answered right away.
      expect(answeredWithinMs).toBeLessThan(5_000);
      expect((await fetch(`${host.url}/readyz`)).status).toBe(503);

      link = await startTcpProxy({ host: target.hostname, port: Number(target.port || 3306) }, port);
      const back = await fetch(`${host.url}/api/v1/notes/${id}`, { headers });
      expect(back.status).toBe(404);
      expect((await fetch(`${host.url}/readyz`)).status).toBe(200);

      // A database that goes silent (a partition: no refusal, no answer) on a kept connection and on new ones alike.
      link.cut();
      for (let attempt = 0; attempt < 2; attempt++) {
        const silent = await fetch(`${host.url}/api/v1/notes/${id}`, { headers, signal: AbortSignal.timeout(10_000) });
        expect(silent.status).toBe(503);
        expect(silent.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(Number(silent.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      link.restore();
      await eventually(async () => expect((await fetch(`${host.url}/api/v1/notes/${id}`, { headers })).status).toBe(404), {
        timeoutMs: 30_000,
      });
    } finally {
      await host.stop();
      await link.close();
      await dropMysqlDatabase(engineUrls.mariadb, `${prefix}notes`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
