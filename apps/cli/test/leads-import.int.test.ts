import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AccountDb } from '@fieldops/account';
import type { LeadsDb } from '@fieldops/leads';
import { openDatabase } from '@fieldops/platform';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './support/cli-process';
import { removeTempDirs, tempDataDir } from './support/temp-dir';

// Each test starts the command line as its own process, which loads every service: a busy machine needs room.
vi.setConfig({ testTimeout: 120_000 });

afterEach(removeTempDirs);

describe('fieldops leads import', () => {
  it('imports a CSV into a country’s public pool with progress, then prints the summary and the rejected rows', async () => {
    const env = { DATA_DIR: tempDataDir() };
    const file = path.join(env.DATA_DIR, 'leads.csv');
    const rows = Array.from(
      { length: 30 },
      (_, i) => `Tan ${i} Qx${i * 17} Store,+65 9100 ${String(1000 + i)},${i} Geylang Road,grocery,${1.3 + i * 0.01},103.9`,
    );
    writeFileSync(
      file,
      ['name,phone,address,category,lat,lng', ...rows, 'Tan 0 Qx0 Store,,,grocery,1.3,103.9', 'Nameless,,,grocery,95,103.9'].join('\r\n'),
    );
    const result = await runCli(['leads', 'import', file, '--country', 'SG'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Leads: 0/32');
    expect(result.stdout).toMatch(/Leads: 30 created, 1 merged, 1 rejected in [\d.]+ s/);
    expect(result.stdout).toContain('row 32: rejected — lat: must be a number from -90 to 90');

    const database = await openDatabase<LeadsDb>(`sqlite:${env.DATA_DIR}`, 'leads');
    try {
      const stored = await database.db.selectFrom('lead').select(['owner_id', 'pool', 'country']).execute();
      expect(stored).toHaveLength(30);
      expect(stored.every((l) => l.owner_id === null && l.pool === 'public' && l.country === 'SG')).toBe(true);
      expect(await database.db.selectFrom('outbox').select('type').where('type', '=', 'leads.lead.created.v1').execute()).toHaveLength(30);
    } finally {
      await database.close();
    }
  }, 60_000);

  it('--as takes an email: the leads are that user’s, found through the account service', async () => {
    const env = { DATA_DIR: tempDataDir() };
    expect((await runCli(['seed', '--demo', '--services', 'account'], env)).code).toBe(0);
    const file = path.join(env.DATA_DIR, 'mine.csv');
    writeFileSync(
      file,
      ['name,category,lat,lng', 'Kiwi Abacus Books,retail,1.31,103.86', 'Emu Lantern Shop,retail,1.32,103.87'].join('\n'),
    );
    const result = await runCli(['leads', 'import', file, '--as', 'Rep3.SG@fieldops.test'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Leads: 2 created, 0 merged, 0 rejected/);
    const account = await openDatabase<AccountDb>(`sqlite:${env.DATA_DIR}`, 'account');
    const leads = await openDatabase<LeadsDb>(`sqlite:${env.DATA_DIR}`, 'leads');
    try {
      const rep = await account.db.selectFrom('user').select('id').where('email', '=', 'rep3.sg@fieldops.test').executeTakeFirstOrThrow();
      const stored = await leads.db.selectFrom('lead').select(['owner_id', 'pool']).execute();
      expect(stored).toEqual([
        { owner_id: rep.id, pool: 'private' },
        { owner_id: rep.id, pool: 'private' },
      ]);
    } finally {
      await account.close();
      await leads.close();
    }
    const unknown = await runCli(['leads', 'import', file, '--as', 'nobody@fieldops.test'], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no such user');
  }, 90_000);

  it('answers a missing file argument or owner with one usage line and exit code 2', async () => {
    const env = { DATA_DIR: tempDataDir() };
    for (const args of [
      ['leads'],
      ['leads', 'import'],
      ['leads', 'import', 'x.csv'],
      ['leads', 'import', 'x.csv', '--as', 'u', '--country', 'SG'],
    ]) {
      const result = await runCli(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
