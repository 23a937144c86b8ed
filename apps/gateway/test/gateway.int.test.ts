import { accountService } from '@fieldops/account';
import { hostEngines, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/index';
import { rateLimitKey } from '../src/rate-limit';

const PROBLEM = 'application/problem+json';
const engines = await hostEngines();
const METRICS_TOKEN = 'scrape-me-with-this-long-token';

describe.each(engines)('the gateway in front of services in this process, on $name', (engine) => {
  let t: TestHost;
  // Every test signs in from 127.0.0.1, and Redis outlives a run: each test starts with a fresh login budget.
  const resetLoginBudget = () => t.host.runtime.cache.delete(rateLimitKey('login', 'ip:127.0.0.1'));

  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService],
      edge: createGateway({ services: [accountService] }),
      seedDemo: true,
      engines: engine,
      env: { RATE_LIMIT_LOGIN_MAX: '3', METRICS_TOKEN: METRICS_TOKEN },
    });
    await resetLoginBudget();
  });
  afterEach(async () => resetLoginBudget());
  afterAll(async () => t?.stop());

  it('a user signs in and reads /api/v1/me through the gateway', async () => {
    const token = await t.login('admin@fieldops.test');
    const me = await t.api('GET', '/api/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('admin@fieldops.test');
  });

  it('a forged token is refused with 401 problem+json; no token reaches only public routes', async () => {
    const forged = await t.api('GET', '/api/v1/me', { token: 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('content-type')).toContain(PROBLEM);
    expect(forged.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    const onGatewayRoute = await t.api('GET', '/api/openapi.json', { token: 'not-a-token' });
    expect(onGatewayRoute.status).toBe(401);
    expect(onGatewayRoute.headers.get('content-type')).toContain(PROBLEM);
    const anonymous = await t.api('GET', '/api/v1/me');
    expect(anonymous.status).toBe(401);
  });

  it('the fourth sign-in attempt within the window is refused with 429 and Retry-After', async () => {
    const attempt = () => t.api('POST', '/api/v1/auth/login', { body: { email: 'admin@fieldops.test', password: 'wrong password' } });
    for (const remaining of [2, 1, 0]) {
      const refused = await attempt();
      expect(refused.status).toBe(401);
      expect(refused.headers.get('ratelimit-policy')).toBe('"login";q=3;w=60');
      expect(refused.headers.get('ratelimit')).toMatch(new RegExp(`^"login";r=${remaining};t=\\d+$`));
    }
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain(PROBLEM);
    expect(limited.body).toMatchObject({ status: 429, title: 'Too many requests' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.headers.get('ratelimit')).toMatch(/^"login";r=0;t=\d+$/);
    // Even the right password waits for the window: the budget is per address, not per account.
    const right = await t.api('POST', '/api/v1/auth/login', { body: { email: 'admin@fieldops.test', password: 'demo1234' } });
    expect(right.status).toBe(429);
  });

  it('RateLimit headers count down on ordinary answers', async () => {
    const token = await t.login('admin@fieldops.test');
    const first = await t.api('GET', '/api/v1/me', { token });
    const second = await t.api('GET', '/api/v1/me', { token });
    expect(first.headers.get('ratelimit-policy')).toBe('"default";q=600;w=60');
    const remaining = (header: string | null) => Number(/;r=(\d+);/.exec(header ?? '')?.[1]);
    expect(remaining(first.headers.get('ratelimit'))).toBeLessThan(600);
    expect(remaining(second.headers.get('ratelimit'))).toBe(remaining(first.headers.get('ratelimit')) - 1);
  });

  it('/api/openapi.json is one OpenAPI 3.1 document of every service', async () => {
    const res = await t.api('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.info.title).toBe('FieldOps API');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/me']));
    expect(res.body.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(res.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(res.body.security).toEqual([{ bearerAuth: [] }]);
    expect(res.body.tags.map((tag: { name: string }) => tag.name)).toContain('account');
  });

  it('/api/docs is a UI whose files all come from this server', async () => {
    const page = await t.api('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = String(page.body);
    expect(html).not.toMatch(/https?:\/\//);
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(references.length).toBeGreaterThan(0);
    expect(references.every((reference) => reference.startsWith('/api/docs/'))).toBe(true);
    for (const script of references.filter((reference) => reference.endsWith('.js'))) {
      const asset = await fetch(`${t.url}${script}`);
      expect(asset.status, script).toBe(200);
      expect(asset.headers.get('content-type')).toContain('javascript');
      expect((await asset.text()).length).toBeGreaterThan(0);
    }
    const initializer = await (await fetch(`${t.url}/api/docs/fieldops-docs.js`)).text();
    expect(initializer).toContain("url: '/api/openapi.json'");
    expect(initializer).not.toMatch(/https?:\/\//);
    // The package's sample page points at a remote petstore document: it is not served.
    expect((await fetch(`${t.url}/api/docs/swagger-initializer.js`)).status).toBe(404);
    expect((await fetch(`${t.url}/api/docs/index.html`)).status).toBe(404);
    expect((await t.api('GET', '/api/docs/')).body).toBe(html);
  });

  it('the docs page allows scripts from this server only; API answers allow nothing; neither may be framed', async () => {
    const page = await t.api('GET', '/api/docs');
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const api = await t.api('GET', '/api/v1/me');
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('/metrics answers only the bearer of METRICS_TOKEN; the edge does not take that token for an access token', async () => {
    const anonymous = await t.api('GET', '/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain(PROBLEM);
    expect((await t.api('GET', '/metrics', { token: 'a-wrong-token' })).status).toBe(401);
    const scraped = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('fieldops_http_request_duration_seconds');
  });

  it('an unknown API route is 404 problem+json', async () => {
    const res = await t.api('GET', '/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain(PROBLEM);
    expect(res.body).toMatchObject({ status: 404, title: 'Not found' });
  });
});
