import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eventually, freePort } from '@fieldops/testing';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, ServeProcess } from './support/cli-process';
import { removeTempDirs, tempDataDir } from './support/temp-dir';

const running: ServeProcess[] = [];

afterEach(() => {
  for (const process of running.splice(0)) process.kill();
  removeTempDirs();
});

const SHOP = { lat: 1.2903, lng: 103.8519 };
/** The parts of the API's answers this test reads. */
type Answer = { id: string; accessToken: string; items: unknown[] };

/** A running embedded installation (demo data seeded) and a JSON client of its API. */
async function serve(env: Record<string, string>) {
  const port = await freePort();
  const process = ServeProcess.start([], { ...env, PORT: String(port) });
  running.push(process);
  await process.waitFor('Stop with Ctrl+C', 120_000);
  const api = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Answer };
  };
  const login = async (email: string): Promise<string> =>
    (await api('POST', '/api/v1/auth/login', { email, password: 'demo1234' })).body.accessToken;
  return { process, api, login };
}

/** The ids of the documents of one type in the current index generation. */
function indexedIds(dataDir: string, type: string): string[] {
  const dir = path.join(dataDir, 'search');
  const generation = fs.readFileSync(path.join(dir, 'current'), 'utf8');
  const index = new Database(path.join(dir, `index-${generation}.sqlite`), { readonly: true });
  try {
    return (index.prepare('select id from doc where type = ?').all(type) as { id: string }[]).map((r) => r.id);
  } finally {
    index.close();
  }
}

describe('fieldops replay search', () => {
  it('rebuilds the index from the sources with progress, reports the sources it skipped, and swaps', async () => {
    const env = { DATA_DIR: tempDataDir() };
    expect((await runCli(['seed', '--places', '300', '--city', 'sg'], env)).code).toBe(0);
    const result = await runCli(['replay', 'search'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/search: poi/);
    expect(result.stdout).toMatch(/Search index rebuilt \(generation \w+\) in [\d.]+ s/);
    expect(result.stdout).toContain('poi: 300 documents');
    expect(result.stdout).toMatch(/merchant: skipped|merchant: \d+ documents/);

    const dir = path.join(env.DATA_DIR, 'search');
    const generation = fs.readFileSync(path.join(dir, 'current'), 'utf8');
    const index = new Database(path.join(dir, `index-${generation}.sqlite`), { readonly: true });
    try {
      expect(index.prepare("select count(*) as n from doc where type = 'place'").get()).toEqual({ n: 300 });
    } finally {
      index.close();
    }
    const again = await runCli(['replay', 'search'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'current'), 'utf8')).not.toBe(generation);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.sqlite'))).toHaveLength(1);
  }, 180_000);

  it('rebuilds merchants, leads and visits made through the APIs from their exports; an unreachable source is carried over', async () => {
    const env = { DATA_DIR: tempDataDir() };
    const { process, api, login } = await serve(env);
    const rep = await login('rep1.sg@fieldops.test');
    const admin = await login('admin@fieldops.test');
    const merchant = await api(
      'POST',
      '/api/v1/merchants',
      { legalName: 'Replayed Curry Pte Ltd', category: 'restaurant', businessId: '201912345K', ...SHOP },
      rep,
    );
    expect(merchant.status, JSON.stringify(merchant.body)).toBe(201);
    const lead = await api(
      'POST',
      '/api/v1/leads',
      { name: 'Replayed Laksa', address: '2 Orchard Road', category: 'grocery', phone: '+65 91234567', lat: 1.31, lng: 103.8 },
      rep,
    );
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    const visitId = randomUUID();
    const checkIn = { id: visitId, targetType: 'merchant', targetId: merchant.body.id, ...SHOP, accuracyM: 7.5 };
    const visit = await api('POST', '/api/v1/visits', { ...checkIn, deviceTime: new Date().toISOString(), mockLocation: false }, rep);
    expect(visit.status, JSON.stringify(visit.body)).toBe(201);
    await eventually(async () => expect((await api('GET', '/api/v1/search?q=replayed', undefined, admin)).body.items).toHaveLength(3), {
      timeoutMs: 60_000,
    });
    expect(await process.stop('SIGTERM')).toBe(0);

    const result = await runCli(['replay', 'search'], env);
    expect(result.code, result.stderr).toBe(0);
    for (const source of ['checkin', 'merchant', 'leads', 'poi'])
      expect(result.stdout).toMatch(new RegExp(`  ${source}: [1-9]\\d* documents`));
    expect(indexedIds(env.DATA_DIR, 'visit')).toContain(visitId);
    expect(indexedIds(env.DATA_DIR, 'merchant')).toContain(merchant.body.id);
    expect(indexedIds(env.DATA_DIR, 'lead')).toContain(lead.body.id);

    // The checkin service named at a URL where nothing answers: its source is skipped, its visits carried over.
    const visits = indexedIds(env.DATA_DIR, 'visit').length;
    const unreachable = `http://127.0.0.1:${await freePort()}`;
    const skipped = await runCli(['replay', 'search'], { ...env, SERVICE_CHECKIN_URL: unreachable, INTERNAL_SECRET: 'x'.repeat(32) });
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stdout).toContain(`checkin: skipped (`);
    expect(skipped.stdout).toContain(`; ${visits} documents carried over from the old index`);
    expect(indexedIds(env.DATA_DIR, 'visit')).toContain(visitId);
  }, 240_000);

  it('answers anything but "replay search" or "replay performance" with one usage line and exit code 2', async () => {
    const result = await runCli(['replay', 'leads'], { DATA_DIR: tempDataDir() });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
