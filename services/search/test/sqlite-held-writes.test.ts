import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteSearchIndex } from '../src/db/sqlite/sqlite-search-index';
import { aDoc } from './search-fixtures';

/**
 * The consumers' writes are held in one open transaction and committed together, just before the search database's
 * transaction that applied their events commits: one index commit per group of events, not one per event.
 */
describe('held writes of the SQLite index', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  function openIndex() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-search-held-'));
    dirs.push(dir);
    const file = path.join(dir, 'index.sqlite');
    const index = new SqliteSearchIndex(file);
    // Another connection to the file sees only what was committed.
    const reader = new Database(file, { readonly: true });
    const committed = () => (reader.prepare('select id from doc order by id').all() as { id: string }[]).map((r) => r.id);
    const close = async () => {
      reader.close();
      await index.close();
    };
    return { file, index, committed, close };
  }

  it('holds puts, patches and renames until commitHeld, while this process reads them at once', async () => {
    const { index, committed, close } = openIndex();
    await index.put([aDoc({ id: 'm1', version: 1, title: 'Kopi One' })], { held: true });
    await index.put([aDoc({ id: 'm2', version: 1, title: 'Kopi Two' })], { held: true });
    expect(await index.patch('merchant', 'm1', { title: 'Kopi Uno' }, 2, { held: true })).toBe(true);
    expect(committed()).toEqual([]);
    expect((await index.get('merchant', 'm1'))?.title).toBe('Kopi Uno');
    await index.commitHeld();
    expect(committed()).toEqual(['m1', 'm2']);
    // Nothing held: nothing to do.
    await index.commitHeld();
    expect(committed()).toEqual(['m1', 'm2']);
    await close();
  });

  it('undoes only the held write that failed, and commits what was held with a write that is not held', async () => {
    const { index, committed, close } = openIndex();
    await index.put([aDoc({ id: 'm1', version: 1 })], { held: true });
    // A document the index cannot store (no type) fails inside the held transaction, after the put's first document.
    const untyped = { ...aDoc({ id: 'm2', version: 1 }), type: null as never };
    await expect(index.put([aDoc({ id: 'm3', version: 1 }), untyped], { held: true })).rejects.toThrow();
    expect(committed()).toEqual([]);
    await index.put([aDoc({ id: 'm4', version: 1 })]);
    expect(committed()).toEqual(['m1', 'm4']);
    await close();
  });

  it('says so when SQLite rolled back what it held (a full disk, an I/O error), so those events are applied again', async () => {
    const { file, index, committed, close } = openIndex();
    // A write that makes SQLite roll back the whole open transaction, as it does after such a failure.
    const admin = new Database(file);
    admin.exec(`create trigger lose_held before insert on doc when new.id = 'lost' begin select raise(rollback, 'disk I/O error'); end`);
    admin.close();
    await index.put([aDoc({ id: 'm1', version: 1 })], { held: true });
    await expect(index.put([aDoc({ id: 'lost', version: 1 })], { held: true })).rejects.toThrow(/disk I\/O error/);
    await index.put([aDoc({ id: 'm2', version: 1 })], { held: true });
    await expect(index.commitHeld()).rejects.toThrow(/rolled back the writes it held/);
    expect(committed()).toEqual([]);
    // The next held writes commit as usual.
    await index.put([aDoc({ id: 'm1', version: 1 })], { held: true });
    await index.commitHeld();
    expect(committed()).toEqual(['m1']);
    await close();
  });

  it('commits what it holds when closed', async () => {
    const { file, index, close } = openIndex();
    await index.put([aDoc({ id: 'm1', version: 1 })], { held: true });
    await close();
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('select id from doc').all()).toEqual([{ id: 'm1' }]);
    reader.close();
  });
});
