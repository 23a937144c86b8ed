import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteSearchIndex } from '../src/db/sqlite/sqlite-search-index';
import { aDoc } from './search-fixtures';

/**
 * Every replica of the search service writes one index file. A write that reads first (a patch, a put over a stored
 * document) must wait for the other writer's turn, not fail with "database is locked" because that writer committed
 * between its read and its write.
 */
describe('the SQLite index shared by two writers', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies every patch and put while another connection commits all the time', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-search-shared-'));
    dirs.push(dir);
    const file = path.join(dir, 'index.sqlite');
    const index = new SqliteSearchIndex(file);
    await index.put([aDoc({ id: 'm1', version: 1, title: 'Kopi 0' })]);

    const other = new Worker(new URL('./support/other-writer.mjs', import.meta.url), { workerData: { file } });
    const messages: { started?: boolean; commits?: number }[] = [];
    const next = () => new Promise<{ started?: boolean; commits?: number }>((resolve) => other.once('message', resolve));
    messages.push(await next());
    let version = 1;
    const until = Date.now() + 1_500;
    try {
      while (Date.now() < until) {
        version++;
        expect(await index.patch('merchant', 'm1', { title: `Kopi ${version}` }, version)).toBe(true);
        version++;
        await index.put([aDoc({ id: 'm1', version, title: `Kopi ${version}` })]);
      }
    } finally {
      other.postMessage('stop');
      messages.push(await next());
      await other.terminate();
    }
    // The other writer really wrote in between.
    expect(messages[1]?.commits).toBeGreaterThan(100);
    const stored = await index.get('merchant', 'm1');
    expect(stored?.version).toBe(version);
    expect(stored?.title).toBe(`Kopi ${version}`);
    await index.close();
  });
});
