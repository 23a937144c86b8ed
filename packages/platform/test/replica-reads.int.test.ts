import { accountService } from '@fieldops/account';
import {
  eventually,
  type MariaDbPair,
  mariadbdAvailable,
  mariadbEngineAt,
  startMariaDbPair,
  startTestHost,
  type TestHost,
} from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSISTENCY_HEADER } from '../src/index';
import { notesService } from './fixtures/notes-service';

const runs = await mariadbdAvailable();

describe.runIf(runs)('reads that tolerate lag on a MariaDB primary with a replica', () => {
  let pair: MariaDbPair;
  let t: TestHost;
  let token: string;
  let prefix: string;

  beforeAll(async () => {
    pair = await startMariaDbPair({ replicas: 1 });
    const created = mariadbEngineAt(pair.primary.url).create();
    prefix = new URL(created.url).searchParams.get('databasePrefix') ?? '';
    t = await startTestHost({
      services: [accountService, notesService],
      engines: { name: 'mariadb-pair', database: { name: 'mariadb', create: () => created }, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
      env: {
        DATABASE_REPLICA_URL: pair.replicas.map((r) => r.url).join(','),
        DATABASE_REPLICA_CHECK_MS: '200',
        DATABASE_REPLICA_WAIT_MS: '300',
        DATABASE_REPLICA_MAX_LAG_SECONDS: '60',
      },
    });
    token = await t.login('rep1.sg@fieldops.test');
    await pair.synced();
    await eventually(async () => expect(await replicaUp()).toBe(1));
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    await pair?.stop();
  }, 60_000);

  const replica = () => {
    const server = pair.replicas[0];
    if (!server) throw new Error('no replica');
    return server;
  };
  const replicaUp = async (): Promise<number | undefined> => {
    const metrics = await t.api('GET', '/metrics');
    const line = String(metrics.body)
      .split('\n')
      .find((l) => l.startsWith(`fieldops_db_replica_up{service="notes",replica="127.0.0.1:${replica().port}"}`));
    return line === undefined ? undefined : Number(line.split(' ').pop());
  };
  const write = async (text: string) => {
    const created = await t.api('POST', '/api/v1/notes', { token, body: { text } });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, consistency: created.headers.get(CONSISTENCY_HEADER) };
  };
  const read = (id: string, consistency?: string | null) =>
    t.api('GET', `/api/v1/notes/${id}`, { token, headers: consistency ? { [CONSISTENCY_HEADER]: consistency } : {} });

  it('a read that tolerates lag is answered by the replica', async () => {
    // A row only the replica has (kept out of its binary log, so replication is not disturbed).
    const id = '0190c0de-0000-7000-8000-00000000a001';
    await replica().sql(
      `SET SESSION sql_log_bin = 0; INSERT INTO \`${prefix}notes\`.note (id, text, owner_id, version, created_at) VALUES (?, 'only on the replica', ?, 1, 0)`,
      [id, id],
    );
    const answer = await read(id);
    expect(answer.status).toBe(200);
    expect(answer.body.text).toBe('only on the replica');
  });

  it('a write answers a consistency token, and a read that sends it sees the write', async () => {
    const { id, consistency } = await write('read your writes');
    expect(consistency).toMatch(/^\d+-\d+-\d+/);
    const answer = await read(id, consistency);
    expect(answer.status).toBe(200);
    expect(answer.body.text).toBe('read your writes');
  });

  it('a replica that lags (replication delayed) still shows a caller its own writes, from the primary', async () => {
    await replica().sql('STOP SLAVE');
    await replica().sql('CHANGE MASTER TO MASTER_DELAY = 30');
    await replica().sql('START SLAVE');
    await eventually(async () => expect(await replicaUp()).toBe(1));
    try {
      // Without the token the read goes to the replica, which has not applied the write yet. (Just after the restart
      // the replica's check may still have it out of rotation for a moment, and the primary answers: write again.)
      const { id, consistency } = await eventually(async () => {
        const written = await write('written while the replica lags');
        expect((await read(written.id)).status).toBe(404);
        return written;
      });
      const answer = await read(id, consistency);
      expect(answer.status).toBe(200);
      expect(answer.body.text).toBe('written while the replica lags');
    } finally {
      await replica().sql('STOP SLAVE');
      await replica().sql('CHANGE MASTER TO MASTER_DELAY = 0');
      await replica().sql('START SLAVE');
    }
    await pair.synced();
  });

  it('stopping the replication SQL thread takes the replica out of rotation; clients read as before', async () => {
    await replica().sql('STOP SLAVE SQL_THREAD');
    await eventually(async () => expect(await replicaUp()).toBe(0));
    const { id } = await write('written while replication is stopped');
    // Without a token: with the replica out of rotation the primary answers, so even this read is current.
    expect((await read(id)).body.text).toBe('written while replication is stopped');
    await replica().sql('START SLAVE SQL_THREAD');
    await eventually(async () => expect(await replicaUp()).toBe(1));
    await pair.synced();
    expect((await read(id)).status).toBe(200);
  });

  it('a dead replica changes nothing a client sees; it rejoins when it is back', async () => {
    await replica().kill();
    const { id, consistency } = await write('written while the replica is down');
    expect((await read(id, consistency)).body.text).toBe('written while the replica is down');
    expect((await read(id)).body.text).toBe('written while the replica is down');
    await eventually(async () => expect(await replicaUp()).toBe(0));
    await replica().start();
    await eventually(async () => expect(await replicaUp()).toBe(1), { timeoutMs: 30_000 });
    await pair.synced();
    expect((await read(id)).status).toBe(200);
  }, 60_000);
});
