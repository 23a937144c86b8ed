import { openDatabase, type PlatformTables } from '@fieldops/platform';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './support/cli-process';
import { removeTempDirs, tempDataDir } from './support/temp-dir';

// Each test starts the command line as its own process, which loads every service: a busy machine needs room.
vi.setConfig({ testTimeout: 120_000 });

afterEach(removeTempDirs);

/** A dead letter as a consumer that gave up would have left it. */
async function leaveDeadLetter(dataDir: string): Promise<void> {
  const database = await openDatabase<PlatformTables>(`sqlite:${dataDir}`, 'account');
  const event = {
    specversion: '1.0',
    id: 'evt-1',
    source: 'leads',
    type: 'leads.lead.claimed.v1',
    subject: 'lead-1',
    time: '2025-01-01T00:00:00Z',
    data: {},
  };
  try {
    await database.db
      .insertInto('dead_letter')
      .values({
        consumer: 'account.retired-consumer',
        event_id: event.id,
        type: event.type,
        envelope: JSON.stringify(event),
        error: 'lead-1 is not known\nat handler (stack line that must not show)',
        attempts: 5,
        failed_at: Date.parse('2025-01-01T00:00:05Z'),
      })
      .execute();
  } finally {
    await database.close();
  }
}

describe('fieldops migrate', () => {
  it('applies the pending migrations of a fresh installation, then finds nothing to do', async () => {
    const env = { DATA_DIR: tempDataDir() };

    const first = await runCli(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^account: applied .*001_outbox_inbox.*001_account/m);

    const second = await runCli(['migrate', '--services', 'account'], env);
    expect(second.stdout).toContain('account: up to date');
  });
});

describe('fieldops dlq', () => {
  it('says there are none on an empty system', async () => {
    const result = await runCli(['dlq', 'list'], { DATA_DIR: tempDataDir() });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No dead letters.');
  });

  it('lists a dead letter, and keeps one its consumer can no longer take', async () => {
    const env = { DATA_DIR: tempDataDir() };
    await runCli(['migrate'], env);
    await leaveDeadLetter(env.DATA_DIR);

    const table = await runCli(['dlq', 'list', '--service', 'account'], env);
    expect(table.stdout).toMatch(/^SERVICE\s+ID\s+CONSUMER\s+TYPE\s+ATTEMPTS\s+FAILED AT\s+ERROR$/m);
    expect(table.stdout).toMatch(
      /^account\s+1\s+account\.retired-consumer\s+leads\.lead\.claimed\.v1\s+5\s+2025-01-01T00:00:05Z\s+lead-1 is not known/m,
    );

    const replay = await runCli(['dlq', 'replay', 'account', '1'], env);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain('cannot replay');

    const json = await runCli(['dlq', 'list', '--json'], env);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ service: 'account', id: 1, attempts: 5, eventId: 'evt-1' })]);
  });

  it('reports a dead letter id that does not exist', async () => {
    const result = await runCli(['dlq', 'replay', 'account', '42'], { DATA_DIR: tempDataDir() });

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('fieldops: account has no dead letter 42 (see "fieldops dlq list")');
  });
});

describe('the command line', () => {
  it('answers help with the commands, and exit code 0', async () => {
    const result = await runCli(['help'], { DATA_DIR: tempDataDir() });

    expect(result.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed', 'dlq']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('answers a usage mistake with one line and exit code 2', async () => {
    // A data dir all the same: a mistake the CLI failed to catch must not write into the repository.
    const env = { DATA_DIR: tempDataDir() };
    const results = await Promise.all([
      runCli(['launch'], env),
      runCli(['serve', '--services', 'billing'], env),
      runCli(['seed'], env),
      runCli(['dlq', 'replay', 'account'], env),
      runCli(['dlq', 'replay', 'account', '1', '--all'], env),
    ]);

    for (const result of results) {
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
