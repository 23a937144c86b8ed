import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountService } from '@fieldops/account';
import { merchantService } from '@fieldops/merchant';
import { createLogger, deleteNatsStream, Host, loadConfig } from '@fieldops/platform';
import { eventually, hostEngines, isolate } from '@fieldops/testing';
import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type LeadsDb, leadsService } from '../src/index';

const engines = await hostEngines();
const fixture = path.join(import.meta.dirname, 'fixtures', 'saga-host.ts');

/** Starts the host in its own process; answers the process and its URL once it listens with the demo data. */
function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; exited: Promise<string | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<string | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      const url = /listening (\S+)/.exec(chunk.toString())?.[1];
      if (url) resolve({ child, url, exited });
    });
    child.on('exit', (code) => reject(new Error(`the host exited (${code}) before listening: ${stderr}`)));
  });
}

async function call(url: string, method: string, route: string, token: string | undefined, body?: unknown) {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return response;
}

async function json(response: Response): Promise<Record<string, unknown>> {
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null) throw new Error(`not an object: ${JSON.stringify(body)}`);
  return Object.fromEntries(Object.entries(body));
}

describe.each(engines)('a crash between the conversion request and the merchant on $name', (engine) => {
  it('creates exactly one merchant after the restart and converts the lead', { timeout: 120_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-saga-crash-'));
    const database = engine.database.create();
    const { busUrl, cacheUrl, stream } = isolate(engine);
    const env = { DATA_DIR: dataDir, DATABASE_URL: database.url, BUS_URL: busUrl, CACHE_URL: cacheUrl, LOG_LEVEL: 'silent' };
    let host: Host | undefined;
    try {
      const { child, url, exited } = await startChild(env);
      let leadId: string;
      let killedAt = 0;
      try {
        const login = await json(
          await call(url, 'POST', '/api/v1/auth/login', undefined, { email: 'rep1.sg@fieldops.test', password: 'demo1234' }),
        );
        const token = String(login.accessToken);
        const lead = {
          name: 'Crash Test Provisions',
          category: 'grocery',
          phone: '+65 9123 4567',
          lat: 1.43,
          lng: 103.96,
          address: '1 Pasir Ris Drive',
        };
        const created = await call(url, 'POST', '/api/v1/leads', token, lead);
        const body = await json(created);
        expect(created.status, JSON.stringify(body)).toBe(201);
        leadId = String(body.id);
        expect((await call(url, 'POST', `/api/v1/leads/${leadId}/stage`, token, { to: 'won' })).status).toBe(200);
        const converted = await call(url, 'POST', `/api/v1/leads/${leadId}/convert`, token, {
          legalName: 'Crash Pte Ltd',
          businessId: '201912345K',
        });
        // Killed the moment the request is acknowledged: the merchant may or may not exist yet; both must end well.
        child.kill('SIGKILL');
        killedAt = Date.now();
        expect(converted.status).toBe(200);
      } finally {
        child.kill('SIGKILL');
      }
      expect(await exited).toBe('SIGKILL');

      const services = [accountService, leadsService, merchantService];
      host = await Host.start({ config: loadConfig(env), services, listen: false, log: createLogger('silent') });
      const leads = host.service('leads')?.db as unknown as Kysely<LeadsDb>;
      const merchants = host.service('merchant')?.db;
      if (!leads || !merchants) throw new Error('the services did not start');
      await eventually(
        async () => {
          const made = await sql<{ id: string; created_at: number }>`select id, created_at from merchant where lead_id = ${leadId}`.execute(
            merchants,
          );
          expect(made.rows).toHaveLength(1);
          const lead = await leads
            .selectFrom('lead')
            .select(['stage', 'conversion_status', 'merchant_id'])
            .where('id', '=', leadId)
            .executeTakeFirst();
          expect(lead).toEqual({ stage: 'converted', conversion_status: 'converted', merchant_id: made.rows[0]?.id });
        },
        { timeoutMs: 60_000 },
      );
      const made = await sql<{ created_at: number }>`select created_at from merchant where lead_id = ${leadId}`.execute(merchants);
      const after = Number(made.rows[0]?.created_at) > killedAt;
      console.info(`${engine.name}: the merchant was created ${after ? 'after the restart' : 'before the kill'}`);
    } finally {
      await host?.stop();
      await database.cleanup(['account', 'leads', 'merchant']);
      if (stream) await deleteNatsStream(engine.busUrl, stream);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
