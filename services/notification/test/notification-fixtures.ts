import { accountService } from '@fieldops/account';
import { createLeadsService } from '@fieldops/leads';
import type { ServiceDefinition } from '@fieldops/platform';
import { type MovableClock, serviceDb, startTestHost, type TestEngines, type TestHost } from '@fieldops/testing';
import { expect } from 'vitest';
import { createNotificationService, type NotificationDb } from '../src/index';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/**
 * The account service (logins, recipients), the leads service (the events) and the notification service on one set
 * of engines, with a clock the test moves and email going to `smtpUrl`. The leads demo seed is left out: its leads
 * would be warned about too. The live streams' safety look is pushed an hour away, so a frame that arrives came
 * through pub/sub (the look itself is tested on its own).
 */
export function startNotificationHost(
  engines: TestEngines,
  clock: MovableClock,
  smtpUrl: string,
  others: ServiceDefinition[] = [],
): Promise<TestHost> {
  return startTestHost({
    services: [
      accountService,
      createLeadsService({ protectionCheckMs: 50 }, async () => undefined),
      createNotificationService({ deliveryCheckMs: 50 }),
      ...others,
    ],
    engines,
    seedDemo: true,
    clock,
    env: {
      SMTP_URL: smtpUrl,
      SMTP_FROM: 'FieldOps <no-reply@fieldops.test>',
      PUSH_SERVICE_HOSTS: 'push.example.test',
      NOTIFICATION_LIVE_POLL_MS: String(HOUR),
    },
  });
}

/** The notification service's own database, for checking what is stored (tests only). */
export const notificationDb = (t: TestHost) => serviceDb<NotificationDb>(t, 'notification');

let made = 0;

/** Creates a lead held by `token`'s rep; answers its id and name. */
export async function aLead(
  t: TestHost,
  token: string,
  at: { lat: number; lng: number } = { lat: 1.3, lng: 103.8 },
  name?: string,
): Promise<{ id: string; name: string }> {
  made++;
  const body = {
    name: name ?? `Notice Test Store ${made}`,
    address: `${made} Test Road`,
    category: 'grocery',
    lat: at.lat + made * 0.003,
    lng: at.lng,
  };
  const created = await t.api('POST', '/api/v1/leads', { token, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.id, name: body.name };
}

export async function userIdOf(t: TestHost, token: string): Promise<string> {
  const me = await t.api('GET', '/api/v1/me', { token });
  expect(me.status).toBe(200);
  return me.body.user.id;
}

/** The frames of a Server-Sent Events stream read with fetch (the bearer token in the header, as the web app does). */
export interface EventStream {
  frames: { id: string; event: string; data: Record<string, unknown> }[];
  close(): void;
}

export async function openStream(url: string, token: string, lastEventId?: string): Promise<EventStream> {
  const aborted = new AbortController();
  const response = await fetch(`${url}/api/v1/notifications/stream`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: aborted.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const frames: EventStream['frames'] = [];
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += chunk.value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((line) => line && !line.startsWith(':'))
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
          );
          if (fields.data) frames.push({ id: fields.id ?? '', event: fields.event ?? 'message', data: JSON.parse(fields.data) });
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // closed by the test
    }
  })();
  return { frames, close: () => aborted.abort() };
}
