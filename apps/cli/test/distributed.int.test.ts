import { deleteNatsStream } from '@fieldops/platform';
import { distributedEngines, enginesRequired, freePort, isolate, type TestEngines } from '@fieldops/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, ServeProcess } from './support/cli-process';
import { removeTempDirs, tempDataDir } from './support/temp-dir';

// MariaDB + NATS + Redis; left out (with a notice) where they do not answer, required in CI.
const distributed = await distributedEngines();
const engineSets: TestEngines[] = distributed ? [distributed] : [];

if (!distributed) {
  // A file without a single test fails the run; say plainly why this one has nothing to run here.
  describe('fieldops, distributed', () => {
    it('is left out because MariaDB, NATS or Redis does not answer on this machine (never in CI)', () => {
      expect(enginesRequired).toBe(false);
    });
  });
}

describe.each(engineSets)('fieldops, distributed on $name: one service and the gateway as separate processes', (engines) => {
  const running: ServeProcess[] = [];
  const databases = engines.database.create();
  // Its own stream and key prefix: other suites share the servers.
  const { busUrl, cacheUrl, stream } = isolate(engines);

  afterAll(async () => {
    for (const process of running) process.kill();
    await databases.cleanup(['account']);
    if (stream) await deleteNatsStream(engines.busUrl, stream);
    removeTempDirs();
  });

  it('seeds with the command, then logs in and reads users through the gateway in front of the account service', async () => {
    const shared = { DATABASE_URL: databases.url, BUS_URL: busUrl, CACHE_URL: cacheUrl, DATA_DIR: tempDataDir() };

    const seed = await runCli(['seed', '--demo', '--services', 'account'], shared);
    expect(seed.code, seed.stderr).toBe(0);
    expect(seed.stdout).toContain('admin@fieldops.test');

    const accountPort = await freePort();
    const account = ServeProcess.start(['--services', 'account'], { ...shared, PORT: String(accountPort) });
    running.push(account);
    await account.waitFor('Stop with Ctrl+C');
    expect(account.stdout).not.toContain('Demo logins');

    const gatewayPort = await freePort();
    const gateway = ServeProcess.start(['--services', 'gateway'], {
      ...shared,
      PORT: String(gatewayPort),
      SERVICE_ACCOUNT_URL: `http://127.0.0.1:${accountPort}`,
    });
    running.push(gateway);
    await gateway.waitFor('Stop with Ctrl+C');

    const edge = `http://127.0.0.1:${gatewayPort}`;
    const login = await fetch(`${edge}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@fieldops.test', password: 'demo1234' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const authorization = { authorization: `Bearer ${accessToken}` };

    const me = await fetch(`${edge}/api/v1/me`, { headers: authorization });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: 'admin@fieldops.test' } });

    const users = await fetch(`${edge}/api/v1/users?limit=5`, { headers: authorization });
    expect(users.status).toBe(200);
    const page = (await users.json()) as { items: unknown[] };
    expect(page.items).toHaveLength(5);

    expect(await gateway.stop('SIGTERM')).toBe(0);
    expect(await account.stop('SIGTERM')).toBe(0);
  }, 120_000);
});
