import { AccountService } from '@fieldops/contracts';
import { asCaller, serviceProof } from '@fieldops/platform';
import { databaseEngines, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountService } from '../src/index';

const SECRET = 'an internal secret that is long enough for the test';

describe.each(await databaseEngines())('service tokens on $name', (database) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService],
      engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
      env: { INTERNAL_SECRET: SECRET },
    });
  });
  afterAll(async () => t?.stop());

  const account = () => t.host.runtime.rpc.client(AccountService);

  it('issues a token to a service that proves the internal secret, and it works on RPC and REST', async () => {
    const token = await t.host.runtime.serviceTokens('poi');
    const principal = await t.host.runtime.auth.verify(token);
    expect(principal).toMatchObject({ userId: 'service:poi', scope: 'all', permissions: ['*'] });
    const admin = await t.login('admin@fieldops.test');
    const users = await t.api('GET', '/api/v1/users?limit=1', { token: admin });
    const { user } = await account().getUser({ id: users.body.items[0].id }, asCaller(token));
    expect(user?.id).toBe(users.body.items[0].id);
  });

  it('refuses a wrong proof, a stale one and a bad service name', async () => {
    const now = Date.now();
    const attempts = [
      { service: 'poi', issuedAt: BigInt(now), proof: serviceProof('another secret of sufficient length!!', 'poi', now) },
      { service: 'poi', issuedAt: BigInt(now - 3_600_000), proof: serviceProof(SECRET, 'poi', now - 3_600_000) },
      { service: 'Not A Service', issuedAt: BigInt(now), proof: serviceProof(SECRET, 'Not A Service', now) },
    ];
    for (const attempt of attempts) await expect(account().issueServiceToken(attempt)).rejects.toThrow(/could not prove/);
  });
});
