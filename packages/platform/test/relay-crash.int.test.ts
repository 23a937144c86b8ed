import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deleteNatsStream } from '@fieldops/platform';
import { binlogRelayEngines, eventually, hostEngines, isolate } from '@fieldops/testing';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, Host, loadConfig, type PlatformTables } from '../src/index';
import { type NotesDb, notes, notesService } from './fixtures/notes-service';

// The same crash with the outbox relayed from the binary log instead of by polling.
const binlog = await binlogRelayEngines();
const engines = [...(await hostEngines()), ...binlog.engines];
afterAll(() => binlog.stop(), 60_000);
const writer = path.join(import.meta.dirname, 'fixtures', 'crash-writer.ts');

/** Runs the writer in its own process and SIGKILLs it once it has committed `atLeast` events. */
function writeUntilKilled(env: Record<string, string>, subject: string, atLeast: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, subject], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let committed = 0;
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk: Buffer) => {
      const numbers = [...chunk.toString().matchAll(/committed (\d+)/g)].map((m) => Number(m[1]));
      committed = Math.max(committed, ...numbers);
      if (committed >= atLeast) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(committed) : reject(new Error(`writer exited without being killed: ${stderr}`)),
    );
  });
}

describe.each(engines)('a crash between commit and publish on $name', (engine) => {
  // Two processes start on a real database (migrations, the writer's compile): minutes on a loaded machine.
  it('loses no committed event and applies none twice', { timeout: 180_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-crash-'));
    const database = engine.database.create();
    const { busUrl, cacheUrl, stream } = isolate(engine);
    const env = { DATA_DIR: dataDir, DATABASE_URL: database.url, BUS_URL: busUrl, CACHE_URL: cacheUrl, LOG_LEVEL: 'silent', ...engine.env };
    const subject = `crash-${Math.random()}`;
    const acknowledged = await writeUntilKilled(env, subject, 40);
    expect(acknowledged).toBeGreaterThanOrEqual(40);

    const host = await Host.start({ config: loadConfig(env), services: [notesService], listen: false, log: createLogger('silent') });
    try {
      const db = notes.ctx?.db as unknown as Kysely<NotesDb & PlatformTables>;
      const committed = (await db.selectFrom('outbox').select('id').where('subject', '=', subject).orderBy('seq').execute()).map(
        (r) => r.id,
      );
      // Every write the writer reported is there (and perhaps one it committed but had no time to report).
      expect(committed.length).toBeGreaterThanOrEqual(acknowledged);
      await eventually(
        async () => {
          const applied = (
            await db.selectFrom('applied_event').select('event_id').where('subject', '=', subject).orderBy('seq').execute()
          ).map((r) => r.event_id);
          expect(applied).toEqual(committed);
        },
        { timeoutMs: 30_000 },
      );
      // A relay marks its rows once the bus took them; the in-process bus hands them to the consumers first.
      await eventually(async () => {
        const unpublished = await db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute();
        expect(unpublished).toHaveLength(0);
      });
    } finally {
      await host.stop();
      await database.cleanup(['notes']);
      if (stream) await deleteNatsStream(engine.busUrl, stream);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
