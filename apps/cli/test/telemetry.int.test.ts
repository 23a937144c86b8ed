import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '@fieldops/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, ServeProcess } from './support/cli-process';
import { removeTempDirs, tempDataDir } from './support/temp-dir';

interface ExportedSpan {
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
}

/** A real OTLP/HTTP receiver on loopback that keeps what it is sent (JSON encoding). */
async function otlpReceiver(): Promise<{ url: string; spans: ExportedSpan[]; services: Set<string>; close(): Promise<void> }> {
  const spans: ExportedSpan[] = [];
  const services = new Set<string>();
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const payload = JSON.parse(body) as {
          resourceSpans: { resource: { attributes: ExportedSpan['attributes'] }; scopeSpans: { spans: ExportedSpan[] }[] }[];
        };
        for (const resource of payload.resourceSpans) {
          const name = resource.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue;
          if (name) services.add(name);
          for (const scope of resource.scopeSpans) spans.push(...scope.spans);
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, spans, services, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const running: ServeProcess[] = [];
afterEach(() => {
  for (const process of running.splice(0)) process.kill();
  removeTempDirs();
});

describe('OpenTelemetry', () => {
  it('exports HTTP server spans to the OTLP endpoint when one is set', async () => {
    const receiver = await otlpReceiver();
    try {
      const port = await freePort();
      const serve = ServeProcess.start([], {
        DATA_DIR: tempDataDir(),
        PORT: String(port),
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '100',
        OTEL_METRICS_EXPORTER: 'none',
        OTEL_LOGS_EXPORTER: 'none',
      });
      running.push(serve);
      await serve.waitFor('Stop with Ctrl+C', 60_000);
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'rep1.sg@fieldops.test', password: 'demo1234' }),
      });
      expect(login.status).toBe(200);
      await eventually(
        () => {
          const server = receiver.spans.filter((s) => s.kind === 2);
          expect(server.some((s) => s.attributes.some((a) => a.value.stringValue?.includes('/api/v1/auth/login')))).toBe(true);
        },
        { timeoutMs: 15_000 },
      );
      expect([...receiver.services]).toContain('fieldops-embedded');
      expect(await serve.stop('SIGTERM')).toBe(0);
    } finally {
      await receiver.close();
    }
  }, 90_000);
});
