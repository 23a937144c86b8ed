import { databaseEngines, type TestHost } from '@fieldops/testing';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccountHost } from './account-fixtures';

const engines = await databaseEngines();

describe.each(engines)('the signing key on $name', (database) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startAccountHost(database);
  });
  afterAll(async () => t?.stop());

  it('exists before the first login, so logins arriving together on a fresh database all sign with it', async () => {
    const logins = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        t.api('POST', '/api/v1/auth/login', { body: { email: `rep${i + 1}.sg@fieldops.test`, password: 'demo1234' } }),
      ),
    );
    expect(logins.map((res) => res.status)).toEqual(logins.map(() => 200));
    const kids = new Set(logins.map((res) => decodeProtectedHeader(res.body.accessToken).kid));
    expect(kids.size).toBe(1);
    const jwks = await t.api('GET', '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toEqual([...kids]);
  });
});
