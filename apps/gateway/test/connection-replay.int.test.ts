import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { accountService } from '@fieldops/account';
import { startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/index';

/**
 * In front of the service: passes bytes through, but once armed closes whichever connection carries bytes next, as a
 * stopping replica closes a kept-alive connection a request is just arriving on (nothing reaches the service).
 */
async function startStoppingReplica(port: number): Promise<{ url: string; arm(): void; close(): Promise<void> }> {
  let armed = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(upstream);
    client.on('data', (chunk) => {
      if (armed) {
        armed = false;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    for (const socket of [client, upstream]) {
      socket.on('error', () => socket.destroy());
      socket.once('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    arm: () => {
      armed = true;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('the gateway when a service closes the connection a request is sent on', () => {
  let account: TestHost;
  let gateway: TestHost;
  let replica: Awaited<ReturnType<typeof startStoppingReplica>>;
  const login = (headers: Record<string, string> = {}) =>
    gateway.api('POST', '/api/v1/auth/login', { body: { email: 'admin@fieldops.test', password: 'demo1234' }, headers });

  beforeAll(async () => {
    account = await startTestHost({ services: [accountService], seedDemo: true });
    replica = await startStoppingReplica(Number(new URL(account.url).port));
    gateway = await startTestHost({
      services: [],
      edge: createGateway({ services: [accountService], openapiCacheMs: 0 }),
      env: { SERVICE_ACCOUNT_URL: replica.url },
    });
    // Connections to the service are open and kept alive from here on.
    expect((await login()).status).toBe(200);
  });
  afterAll(async () => {
    await gateway?.stop();
    await replica?.close();
    await account?.stop();
  });

  it('sends a POST with an Idempotency-Key again on a fresh connection: the client sees its answer', async () => {
    replica.arm();
    const answer = await login({ 'idempotency-key': randomUUID() });
    expect(answer.status).toBe(200);
    expect(answer.body.accessToken).toEqual(expect.any(String));
  });

  it('sends a GET again on a fresh connection', async () => {
    const token = await gateway.login('admin@fieldops.test');
    // The first call fetches the keys tokens are checked with (over RPC); the armed one is then the GET alone.
    expect((await gateway.api('GET', '/api/v1/me', { token })).status).toBe(200);
    replica.arm();
    const me = await gateway.api('GET', '/api/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('admin@fieldops.test');
  });

  it('does not repeat a POST without a key (it may have been applied): 503 problem+json, the client decides', async () => {
    replica.arm();
    const answer = await login();
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.headers.get('retry-after')).toBe('5');
    expect((await login()).status).toBe(200);
  });
});
