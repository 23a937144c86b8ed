import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { accountService } from '@fieldops/account';
import { startTestHost, type TestHost } from '@fieldops/testing';
import { ticketsService } from '@fieldops/tickets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/index';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Whether the gateway hung up before the answer (a client that left). */
  abandoned: boolean;
}

/**
 * Stands in for the tickets service: answers every request with what it received; `/stream` answers with an event
 * stream that sends an event each time `send` is called and never ends.
 */
async function startEchoService(): Promise<{ url: string; received: Received[]; send(event: string): void; close(): Promise<void> }> {
  const received: Received[] = [];
  const streams = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
        abandoned: false,
      };
      received.push(entry);
      response.once('close', () => {
        entry.abandoned = !response.writableFinished;
      });
      if (entry.url.startsWith('/api/v1/tickets/cut')) {
        // Promises 100 bytes, sends 10, and dies.
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        response.write('{"items":[');
        setTimeout(() => response.socket?.destroy(), 20);
        return;
      }
      if (entry.url.startsWith('/api/v1/tickets/stream')) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.flushHeaders();
        streams.add(response);
        return;
      }
      response.setHeader('etag', '"v7"');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ method: entry.method, url: entry.url, body: entry.body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    send: (event) => {
      for (const stream of streams) stream.write(`data: ${event}\n\n`);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('the forwarding lane: plain requests bypass the router, and answer as the router would', () => {
  let account: TestHost;
  let gateway: TestHost;
  let echo: Awaited<ReturnType<typeof startEchoService>>;
  let token: string;

  const forwarded = async (lane: 'direct' | 'router') => {
    const metric = await gateway.host.runtime.metrics.forwarded.get();
    return metric.values.find((v) => v.labels.lane === lane && v.labels.service === 'tickets')?.value ?? 0;
  };
  const last = () => echo.received[echo.received.length - 1] as Received;

  beforeAll(async () => {
    account = await startTestHost({ services: [accountService], seedDemo: true });
    echo = await startEchoService();
    gateway = await startTestHost({
      services: [],
      edge: createGateway({ services: [accountService, ticketsService] }),
      env: { SERVICE_ACCOUNT_URL: account.url, SERVICE_TICKETS_URL: echo.url },
    });
    token = await gateway.login('admin@fieldops.test');
  });
  afterAll(async () => {
    await gateway?.stop();
    await echo?.close();
    await account?.stop();
  });

  it('a GET goes direct; the service hears what the router forwards, the client gets what the router answers', async () => {
    const headers = {
      authorization: `Bearer ${token}`,
      'x-request-id': 'lane-1',
      cookie: 'session=secret',
      accept: 'application/json',
      'accept-language': 'th',
    };
    const [directBefore, routerBefore] = [await forwarded('direct'), await forwarded('router')];
    const direct = await fetch(`${gateway.url}/api/v1/tickets?status=open`, { headers });
    const heardDirect = last();
    // `inject` enters Fastify itself, never the lane: the reference answer.
    const host = new URL(gateway.url).host;
    const routed = await gateway.host.app.inject({ method: 'GET', url: '/api/v1/tickets?status=open', headers: { ...headers, host } });
    const heardRouted = last();
    expect(await forwarded('direct')).toBe(directBefore + 1);
    expect(await forwarded('router')).toBe(routerBefore + 1);

    expect(heardDirect.url).toBe('/api/v1/tickets?status=open');
    expect(heardDirect.headers.cookie).toBeUndefined();
    const transport = ['connection', 'host'];
    const withoutTransport = (h: http.IncomingHttpHeaders) =>
      Object.fromEntries(Object.entries(h).filter(([name]) => !transport.includes(name)));
    expect(withoutTransport(heardDirect.headers)).toEqual(withoutTransport(heardRouted.headers));
    expect(heardDirect.headers['x-request-id']).toBe('lane-1');
    expect(heardDirect.headers['x-forwarded-for']).toBe('127.0.0.1');

    expect(direct.status).toBe(routed.statusCode);
    expect(await direct.text()).toBe(routed.body);
    const varying = ['date', 'ratelimit', 'connection', 'keep-alive'];
    const answered = Object.fromEntries([...direct.headers].filter(([name]) => !varying.includes(name)));
    const reference = Object.fromEntries(Object.entries(routed.headers).filter(([name]) => !varying.includes(name)));
    expect(answered).toEqual(reference);
    expect(answered).toMatchObject({ etag: '"v7"', 'x-request-id': 'lane-1', 'x-content-type-options': 'nosniff' });
    expect(direct.headers.get('ratelimit')).toMatch(/^"default";r=\d+;t=\d+$/);
  });

  it('a body with a length goes direct and arrives whole; one sent in chunks goes through the router, also whole', async () => {
    const body = JSON.stringify({ title: 'Freezer broken', notes: 'ü'.repeat(40_000) });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const directBefore = await forwarded('direct');
    const sized = await fetch(`${gateway.url}/api/v1/tickets`, { method: 'POST', headers, body });
    expect(sized.status).toBe(200);
    expect(last()).toMatchObject({ method: 'POST', body });
    expect(await forwarded('direct')).toBe(directBefore + 1);

    const routerBefore = await forwarded('router');
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, 1000)));
        controller.enqueue(new TextEncoder().encode(body.slice(1000)));
        controller.close();
      },
    });
    const chunked = await fetch(`${gateway.url}/api/v1/tickets`, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(200);
    expect(last()).toMatchObject({ method: 'POST', body });
    expect(await forwarded('router')).toBe(routerBefore + 1);
  });

  it('an answer the service breaks off reaches the client broken off, not as a whole one; the gateway goes on', async () => {
    const cut = await fetch(`${gateway.url}/api/v1/tickets/cut`, { headers: { authorization: `Bearer ${token}` } });
    expect(cut.status).toBe(200);
    await expect(cut.text()).rejects.toThrow();
    const next = await fetch(`${gateway.url}/api/v1/tickets`, { headers: { authorization: `Bearer ${token}` } });
    expect(next.status).toBe(200);
  });

  it('a percent-encoded path is left to the router', async () => {
    const routerBefore = await forwarded('router');
    const response = await fetch(`${gateway.url}/api/v1/tickets/a%2Fb`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(last().url).toBe('/api/v1/tickets/a%2Fb');
    expect(await forwarded('router')).toBe(routerBefore + 1);
  });

  it('a refused token is answered at the edge (401 problem+json): nothing reaches the service by either way', async () => {
    const heard = echo.received.length;
    const [directBefore, routerBefore] = [await forwarded('direct'), await forwarded('router')];
    const response = await fetch(`${gateway.url}/api/v1/tickets`, {
      headers: { authorization: 'Bearer not-a-token', 'x-request-id': 'lane-401' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('x-request-id')).toBe('lane-401');
    expect(((await response.json()) as { requestId: string }).requestId).toBe('lane-401');
    expect(echo.received.length).toBe(heard);
    expect([await forwarded('direct'), await forwarded('router')]).toEqual([directBefore, routerBefore]);
  });

  it('an event stream flows through as it comes, and a client that leaves stops the request to the service', async () => {
    const leaving = new AbortController();
    const directBefore = await forwarded('direct');
    // The answer's head arrives before any event does.
    const stream = await fetch(`${gateway.url}/api/v1/tickets/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: leaving.signal,
    });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    expect(await forwarded('direct')).toBe(directBefore + 1);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    echo.send('first');
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: first\n\n');
    echo.send('second');
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: second\n\n');
    expect(last().abandoned).toBe(false);
    leaving.abort();
    await expect.poll(() => last().abandoned).toBe(true);
  });
});

/** A port nothing listens on (taken, then let go). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the forwarding lane when the service does not answer', () => {
  let gateway: TestHost;

  beforeAll(async () => {
    gateway = await startTestHost({
      services: [],
      edge: createGateway({ services: [ticketsService] }),
      env: { SERVICE_TICKETS_URL: `http://127.0.0.1:${await closedPort()}` },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('answers 503 problem+json naming the service, with Retry-After, as the router does', async () => {
    const direct = await fetch(`${gateway.url}/api/v1/tickets`, { headers: { 'x-request-id': 'lane-503' } });
    const routed = await gateway.host.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: { 'x-request-id': 'lane-503' } });
    expect(direct.status).toBe(503);
    expect(direct.headers.get('retry-after')).toBe('5');
    expect(direct.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await direct.json()) as { detail: string; requestId: string };
    expect(problem).toEqual(routed.json());
    expect(problem.detail).toContain('tickets service');
    expect(problem.requestId).toBe('lane-503');
    const forwarded = await gateway.host.runtime.metrics.forwarded.get();
    expect(forwarded.values.map((v) => [v.labels.lane, v.value])).toEqual([
      ['direct', 1],
      ['router', 1],
    ]);
  });
});
