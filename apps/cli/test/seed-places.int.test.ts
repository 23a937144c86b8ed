import { DEMO_COUNTRIES } from '@fieldops/demo-data';
import { openDatabase } from '@fieldops/platform';
import type { PoiDb } from '@fieldops/poi';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process';
import { removeTempDirs, tempDataDir } from './support/temp-dir';

afterEach(removeTempDirs);

describe('fieldops seed --places', () => {
  it('generates N places around one city with a progress report and a rate, and adds N more on each run', async () => {
    const env = { DATA_DIR: tempDataDir() };
    const first = await runCli(['seed', '--places', '1200', '--city', 'jakarta'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('poi: places around Jakarta: 0/1200');
    expect(first.stdout).toMatch(/Places: generated 1200 around Jakarta in [\d.]+ s \(\d+ places\/s\)/);
    expect((await runCli(['seed', '--places', '300'], env)).code).toBe(0);

    const database = await openDatabase<PoiDb>(`sqlite:${env.DATA_DIR}`, 'poi');
    try {
      const rows = await database.db.selectFrom('place').select(['country']).execute();
      expect(rows).toHaveLength(1500);
      // Without a city, the 300 are shared among the demo cities.
      const jakarta = rows.filter((r) => r.country === 'ID').length - 1200;
      expect(jakarta).toBeGreaterThanOrEqual(Math.floor(300 / DEMO_COUNTRIES.length));
      expect(jakarta).toBeLessThanOrEqual(Math.ceil(300 / DEMO_COUNTRIES.length));
      const events = await database.db.selectFrom('outbox').select('type').execute();
      expect(events).toHaveLength(Math.ceil(1200 / 250) + Math.ceil(300 / 250));
    } finally {
      await database.close();
    }
  }, 60_000);

  it('answers a bad count or city with one usage line and exit code 2', async () => {
    const env = { DATA_DIR: tempDataDir() };
    const results = await Promise.all([
      runCli(['seed', '--places', 'many'], env),
      runCli(['seed', '--places', '10', '--city', 'atlantis'], env),
      runCli(['seed', '--city', 'sg'], env),
      runCli(['seed', '--places', '10', '--demo'], env),
    ]);
    for (const result of results) {
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
