import { databaseEngines, type TestHost } from '@fieldops/testing';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRecordDescription, type RecordDescription } from '../src/app/record-links';
import { fileDb, startFileHost } from './file-fixtures';

const engines = await databaseEngines();

const aVisit = (recordId: string, fileIds: string[], version: number): RecordDescription => ({
  recordType: 'visit',
  recordId,
  version,
  scope: { owner_id: uuidv7(), org_unit_id: null, area_id: null, agency_id: null, country: 'SG' },
  fileIds,
});

describe.each(engines)('the files of a record on $name', (database) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startFileHost(database);
  }, 120_000);
  afterAll(async () => t?.stop());

  const describe = (record: RecordDescription) =>
    fileDb(t)
      .transaction()
      .execute((trx) => applyRecordDescription(trx, record, Date.now()));
  const linksOf = async (recordId: string) =>
    (await fileDb(t).selectFrom('file_link').select('file_id').where('record_id', '=', recordId).orderBy('file_id').execute()).map(
      (link) => link.file_id,
    );

  it('are what the newest version says: files added and taken away, an older version changes nothing', async () => {
    const visit = uuidv7();
    await describe(aVisit(visit, ['photo-a', 'photo-b'], 1));
    expect(await linksOf(visit)).toEqual(['photo-a', 'photo-b']);
    await describe(aVisit(visit, ['photo-b', 'photo-c', 'photo-c'], 3));
    expect(await linksOf(visit)).toEqual(['photo-b', 'photo-c']);
    await describe(aVisit(visit, ['photo-a'], 2));
    expect(await linksOf(visit)).toEqual(['photo-b', 'photo-c']);
    await describe(aVisit(visit, [], 4));
    expect(await linksOf(visit)).toEqual([]);
  });
});

// A database server only: SQLite has one writer at a time by design.
describe.each(engines.filter((engine) => engine.name !== 'sqlite'))('new records linked side by side on $name', (database) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startFileHost(database);
  }, 120_000);
  afterAll(async () => t?.stop());

  it('two transactions linking new records do not wait on each other (a backlog commits in batches side by side)', async () => {
    const db = fileDb(t);
    const first = await db.startTransaction().execute();
    try {
      await applyRecordDescription(first, aVisit(uuidv7(), [uuidv7()], 1), Date.now());
      const second = await db.startTransaction().execute();
      const linked = applyRecordDescription(second, aVisit(uuidv7(), [uuidv7()], 1), Date.now()).then(() => 'linked' as const);
      const waiting = new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 5_000));
      // Deleting the new record's links before inserting them locked the gap every new record's links go into.
      const outcome = await Promise.race([linked, waiting]);
      await first.commit().execute();
      await linked.catch(() => undefined);
      await second.commit().execute();
      expect(outcome).toBe('linked');
    } finally {
      if (!first.isCommitted && !first.isRolledBack) await first.rollback().execute();
    }
  });
});
