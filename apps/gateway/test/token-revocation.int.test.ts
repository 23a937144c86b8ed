import { randomBytes } from 'node:crypto';
import { Code, ConnectError } from '@connectrpc/connect';
import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { AreaService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import { engineAvailable, engineUrls, eventually, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/index';

/** Where each part runs: one process, or account, area and the gateway apart, sharing only Redis. */
interface Layout {
  name: string;
  start(): Promise<{ account: TestHost; area: TestHost; gateway: TestHost; all: TestHost[] }>;
}

const SERVICES = [accountService, areaService];

const embedded: Layout = {
  name: 'one process, cache in memory',
  async start() {
    const one = await startTestHost({ services: SERVICES, edge: createGateway({ services: SERVICES }), seedDemo: true });
    return { account: one, area: one, gateway: one, all: [one] };
  },
};

const distributed: Layout = {
  name: 'three processes, cache on Redis',
  async start() {
    const shared = {
      CACHE_URL: `${engineUrls.redis}?keyPrefix=fot-revocation-${randomBytes(4).toString('hex')}:`,
      INTERNAL_SECRET: randomBytes(32).toString('hex'),
    };
    const account = await startTestHost({ services: [accountService], seedDemo: true, env: shared });
    const area = await startTestHost({ services: [areaService], env: { ...shared, SERVICE_ACCOUNT_URL: account.url } });
    const gateway = await startTestHost({
      services: [],
      edge: createGateway({ services: SERVICES }),
      env: { ...shared, SERVICE_ACCOUNT_URL: account.url, SERVICE_AREA_URL: area.url },
    });
    return { account, area, gateway, all: [gateway, area, account] };
  },
};

const layouts = (await engineAvailable('redis')) ? [embedded, distributed] : [embedded];

describe.each(layouts)('revoked access tokens are refused by every service: $name', (layout) => {
  let parts: Awaited<ReturnType<Layout['start']>>;
  let admin: string;
  beforeAll(async () => {
    parts = await layout.start();
    admin = await parts.account.login('admin@fieldops.test');
  });
  afterAll(async () => {
    for (const part of parts?.all ?? []) await part.stop();
  });

  /** A rep of their own, signed in: what the test does to them touches no other test. */
  async function aSignedInRep(): Promise<{ id: string; session: { accessToken: string; refreshToken: string } }> {
    const me = await parts.account.api('GET', '/api/v1/me', { token: admin });
    const roles = await parts.account.api('GET', '/api/v1/roles?limit=200', { token: admin });
    const rep = roles.body.items.find((r: { name: string }) => r.name === 'rep');
    const email = `revoked.${randomBytes(4).toString('hex')}@fieldops.test`;
    const created = await parts.account.api('POST', '/api/v1/users', {
      token: admin,
      body: { email, name: 'Soon Revoked', password: 'a long password', orgUnitId: me.body.user.orgUnitId, roleIds: [rep.id] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const session = await parts.gateway.api('POST', '/api/v1/auth/login', { body: { email, password: 'a long password' } });
    expect(session.status).toBe(200);
    return { id: created.body.id, session: session.body };
  }

  /** How each verifier answers the token: the gateway (edge and forwarding), each service's HTTP, and RPC. */
  async function answers(token: string): Promise<Record<string, number | Code>> {
    const rpc = async () => {
      try {
        await parts.gateway.host.runtime.rpc.client(AreaService).resolveArea({ points: [{ lat: 1.35, lng: 103.83 }] }, asCaller(token));
        return 200;
      } catch (error) {
        return ConnectError.from(error).code;
      }
    };
    return {
      gatewayAccount: (await parts.gateway.api('GET', '/api/v1/me', { token })).status,
      gatewayArea: (await parts.gateway.api('GET', '/api/v1/areas?limit=1', { token })).status,
      account: (await parts.account.api('GET', '/api/v1/me', { token })).status,
      area: (await parts.area.api('GET', '/api/v1/areas?limit=1', { token })).status,
      areaRpc: await rpc(),
    };
  }

  const ACCEPTED = { gatewayAccount: 200, gatewayArea: 200, account: 200, area: 200, areaRpc: 200 };
  const REFUSED = { gatewayAccount: 401, gatewayArea: 401, account: 401, area: 401, areaRpc: Code.Unauthenticated };

  it('a disabled user’s token stops working everywhere within seconds', async () => {
    const { id, session } = await aSignedInRep();
    expect(await answers(session.accessToken)).toEqual(ACCEPTED);
    const read = await parts.account.api('GET', `/api/v1/users/${id}`, { token: admin });
    const disable = await parts.gateway.api('PATCH', `/api/v1/users/${id}`, {
      token: admin,
      body: { status: 'disabled' },
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    expect(disable.status).toBe(200);
    await eventually(async () => expect(await answers(session.accessToken)).toEqual(REFUSED));
  });

  it('a logged-out session’s token stops working everywhere; the admin’s goes on', async () => {
    const { session } = await aSignedInRep();
    expect(await answers(session.accessToken)).toEqual(ACCEPTED);
    const out = await parts.gateway.api('POST', '/api/v1/auth/logout', { body: { refreshToken: session.refreshToken } });
    expect(out.status).toBe(204);
    await eventually(async () => expect(await answers(session.accessToken)).toEqual(REFUSED));
    expect(await answers(admin)).toEqual(ACCEPTED);
  });
});
