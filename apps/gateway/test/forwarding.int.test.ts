import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { accountService } from '@fieldops/account';
import { fileService } from '@fieldops/file';
import { startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/index';

const PROBLEM = 'application/problem+json';

describe('the gateway forwarding to a service in another process', () => {
  let account: TestHost;
  let gateway: TestHost;
  let accountStopped = false;

  beforeAll(async () => {
    account = await startTestHost({ services: [accountService], seedDemo: true });
    // No cache of remote documents, so the last test sees the service go away.
    gateway = await startTestHost({
      services: [],
      edge: createGateway({ services: [accountService], openapiCacheMs: 0 }),
      env: { SERVICE_ACCOUNT_URL: account.url },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    if (!accountStopped) await account?.stop();
  });

  it('a user signs in and reads /api/v1/me through the gateway (keys come over RPC)', async () => {
    const token = await gateway.login('admin@fieldops.test');
    const me = await gateway.api('GET', '/api/v1/me', { token, headers: { 'x-request-id': 'trace-me-1' } });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('admin@fieldops.test');
    expect(me.headers.get('x-request-id')).toBe('trace-me-1');
    expect(me.headers.get('ratelimit')).toMatch(/^"default";r=\d+;t=\d+$/);
  });

  it('a forged token is refused at the edge with 401 problem+json', async () => {
    const res = await gateway.api('GET', '/api/v1/users', { token: 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain(PROBLEM);
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it("the service's validation errors come back unchanged", async () => {
    const body = { email: 'not an email', password: 'x' };
    const direct = await account.api('POST', '/api/v1/auth/login', { body, headers: { 'x-request-id': 'same-id' } });
    const forwarded = await gateway.api('POST', '/api/v1/auth/login', { body, headers: { 'x-request-id': 'same-id' } });
    expect(forwarded.status).toBe(400);
    expect(forwarded.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    expect(forwarded.body).toEqual(direct.body);
    expect(forwarded.body.errors).toEqual([{ field: '/body/email', message: expect.any(String) }]);
    const malformed = await gateway.api('POST', '/api/v1/auth/login', {
      body: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain(PROBLEM);
    expect(malformed.body.title).toBe('Malformed JSON');
  });

  it('a create retried with the same Idempotency-Key is replayed by the service', async () => {
    const token = await gateway.login('admin@fieldops.test');
    const me = await gateway.api('GET', '/api/v1/me', { token });
    const key = randomUUID();
    const body = {
      email: `gateway-${key}@fieldops.test`,
      name: 'Gateway Test',
      password: 'a long password',
      orgUnitId: me.body.user.orgUnitId,
      roleIds: [],
    };
    const created = await gateway.api('POST', '/api/v1/users', { token, body, headers: { 'idempotency-key': key } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/users/${created.body.id}`);
    const retried = await gateway.api('POST', '/api/v1/users', { token, body, headers: { 'idempotency-key': key } });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.id).toBe(created.body.id);
  });

  it('the readiness probe checks the service, and the merged document includes its operations', async () => {
    const ready = await gateway.api('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks['service:account']).toBe(true);
    const openapi = await gateway.api('GET', '/api/openapi.json');
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users']));
    expect(openapi.body.info.description).not.toContain('Incomplete');
  });

  it('a service that went away answers 503 problem+json naming it', async () => {
    const token = await gateway.login('admin@fieldops.test');
    await account.stop();
    accountStopped = true;
    const login = await gateway.api('POST', '/api/v1/auth/login', { body: { email: 'admin@fieldops.test', password: 'demo1234' } });
    expect(login.status).toBe(503);
    expect(login.headers.get('content-type')).toContain(PROBLEM);
    expect(login.body.detail).toContain('account service');
    const me = await gateway.api('GET', '/api/v1/me', { token });
    expect(me.status).toBe(503);
    // Reported, but one service down does not take the gateway out of the load balancer.
    const ready = await gateway.api('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks['service:account']).toBe(false);
    const openapi = await gateway.api('GET', '/api/openapi.json');
    expect(openapi.status).toBe(200);
    expect(openapi.body.paths['/api/v1/users']).toBeUndefined();
    expect(openapi.body.info.description).toContain('The account service could not be reached');
  });
});

describe('a gateway that does not know where a service runs', () => {
  let gateway: TestHost;
  beforeAll(async () => {
    gateway = await startTestHost({ services: [], edge: createGateway({ services: [accountService] }) });
  });
  afterAll(async () => gateway?.stop());

  it('answers its routes with 503 problem+json telling which setting is missing', async () => {
    const login = await gateway.api('POST', '/api/v1/auth/login', { body: { email: 'admin@fieldops.test', password: 'demo1234' } });
    expect(login.status).toBe(503);
    expect(login.headers.get('content-type')).toContain(PROBLEM);
    expect(login.body.detail).toContain('SERVICE_ACCOUNT_URL');
    const withToken = await gateway.api('GET', '/api/v1/me', { token: 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' });
    expect(withToken.status).toBe(503);
    expect(withToken.body.detail).toContain('SERVICE_ACCOUNT_URL');
    const openapi = await gateway.api('GET', '/api/openapi.json');
    expect(openapi.body.info.description).toContain('SERVICE_ACCOUNT_URL');
    expect((await gateway.api('GET', '/api/v1/no-such-thing')).status).toBe(404);
  });
});

describe('the gateway forwarding uploads to the file service in another process', () => {
  let files: TestHost;
  let gateway: TestHost;

  beforeAll(async () => {
    files = await startTestHost({ services: [accountService, fileService], seedDemo: true });
    gateway = await startTestHost({
      services: [],
      edge: createGateway({ services: [accountService, fileService] }),
      env: { SERVICE_ACCOUNT_URL: files.url, SERVICE_FILE_URL: files.url },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await files?.stop();
  });

  it('a direct upload larger than an ordinary request body (7 MB) reaches the service whole', async () => {
    const token = await gateway.login('rep1.sg@fieldops.test');
    const bytes = randomBytes(7 * 1024 * 1024);
    const form = new FormData();
    form.append('purpose', 'other');
    form.append('file', new Blob([new Uint8Array(bytes)]), 'survey.bin');
    const response = await fetch(`${gateway.url}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const body = (await response.json()) as { size: number; sha256: string };
    expect(response.status, JSON.stringify(body)).toBe(201);
    expect(body.size).toBe(bytes.length);
    expect(body.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
