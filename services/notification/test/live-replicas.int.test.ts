import { randomBytes } from 'node:crypto';
import { accountService } from '@fieldops/account';
import { createGateway } from '@fieldops/gateway';
import { createLeadsService, leadsService } from '@fieldops/leads';
import { deleteNatsStream, dropMysqlDatabase } from '@fieldops/platform';
import {
  distributedEngines,
  enginesRequired,
  engineUrls,
  eventually,
  isolate,
  MovableClock,
  startTestHost,
  type TestEngines,
  type TestHost,
} from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationService, notificationService } from '../src/index';
import { aLead, DAY, HOUR, openStream } from './notification-fixtures';

// Two notification replicas and two gateways on one MariaDB and one JetStream stream; left out (with a notice) where
// MariaDB, NATS or Redis does not answer.
const distributed = await distributedEngines();
const engineSets: TestEngines[] = distributed ? [distributed] : [];

if (!distributed) {
  describe('notification replicas', () => {
    it('are left out because MariaDB, NATS or Redis does not answer on this machine (never in CI)', () => {
      expect(enginesRequired).toBe(false);
    });
  });
}

describe.each(engineSets)('the live stream across replicas on $name', (engines) => {
  const shared = isolate(engines);
  const prefix = `fot_${randomBytes(4).toString('hex')}_`;
  const env = {
    DATABASE_URL: `${engineUrls.mariadb}/?databasePrefix=${prefix}`,
    BUS_URL: shared.busUrl,
    CACHE_URL: shared.cacheUrl,
    INTERNAL_SECRET: randomBytes(32).toString('hex'),
    // An hour: the frame must come through Redis pub/sub, not the safety look at the table.
    NOTIFICATION_LIVE_POLL_MS: String(HOUR),
  };
  const clock = new MovableClock(Date.now());
  const everyService = [accountService, leadsService, notificationService];
  /** Replica A: account, leads and notification, which consumes the events first. */
  let a: TestHost;
  /** Replica B: the notification service alone, in another host. */
  let b: TestHost;
  /** Two gateways: A sends notification routes to replica A, B to replica B. */
  let gatewayA: TestHost;
  let gatewayB: TestHost;
  const gatewayTo = (replica: TestHost) =>
    startTestHost({
      services: [],
      edge: createGateway({ services: everyService }),
      engines,
      clock,
      env: { ...env, SERVICE_ACCOUNT_URL: a.url, SERVICE_LEADS_URL: a.url, SERVICE_NOTIFICATION_URL: replica.url },
    });

  beforeAll(async () => {
    a = await startTestHost({
      services: [
        accountService,
        createLeadsService({ protectionCheckMs: 50 }, async () => undefined),
        createNotificationService({ deliveryCheckMs: 50 }),
      ],
      engines,
      seedDemo: true,
      clock,
      env,
    });
    b = await startTestHost({
      services: [createNotificationService({ deliveryCheckMs: 50 })],
      engines,
      clock,
      env: { ...env, SERVICE_ACCOUNT_URL: a.url, SERVICE_LEADS_URL: a.url },
    });
    gatewayA = await gatewayTo(a);
    gatewayB = await gatewayTo(b);
  }, 180_000);

  afterAll(async () => {
    for (const t of [gatewayB, gatewayA, b, a]) await t?.stop();
    for (const service of ['account', 'leads', 'notification']) await dropMysqlDatabase(engineUrls.mariadb, `${prefix}${service}`);
    if (shared.stream) await deleteNatsStream(engines.busUrl, shared.stream);
  }, 180_000);

  it('a notice stored by replica A reaches clients streaming through either gateway, from replica A and from replica B', async () => {
    const token = await gatewayB.login('rep1.sg@fieldops.test');
    const lead = await aLead(gatewayB, token);
    const throughA = await openStream(gatewayA.url, token);
    const throughB = await openStream(gatewayB.url, token);
    try {
      clock.advance(12 * DAY + 1);
      await eventually(() => expect(throughB.frames).toHaveLength(1));
      expect(throughB.frames[0]).toMatchObject({
        event: 'notification',
        data: { workflow: 'lead-recycle-warning', link: `/console/leads/${lead.id}` },
      });
      const inbox = await a.api('GET', '/api/v1/notifications', { token: await a.login('rep1.sg@fieldops.test') });
      expect(throughB.frames[0]?.id).toBe(inbox.body.items[0].id);
      await eventually(() => expect(throughA.frames.map((f) => f.id)).toEqual([inbox.body.items[0].id]));
    } finally {
      throughA.close();
      throughB.close();
    }
    // Replica A's consumer stored it (it holds the stream's consumer); replica B only served the stream.
    const handled = async (t: TestHost) =>
      (await t.host.runtime.metrics.eventsHandled.get()).values
        .filter((v) => v.labels.consumer === 'notification.workflows' && v.labels.result === 'applied')
        .reduce((sum, v) => sum + v.value, 0);
    expect(await handled(a)).toBeGreaterThan(0);
    expect(await handled(b)).toBe(0);
  });
});
