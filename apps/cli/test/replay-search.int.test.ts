import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process';
import { removeTempDirs, tempDataDir } from './support/temp-dir';

afterEach(removeTempDirs);

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

  it('answers anything but "replay search" with one usage line and exit code 2', async () => {
    const result = await runCli(['replay', 'leads'], { DATA_DIR: tempDataDir() });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
