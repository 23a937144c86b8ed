import { ConfigError } from '@fieldops/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import type { OutgoingMessage } from '../src/channels/channel';
import { vapidSettings } from '../src/channels/vapid-settings';
import { createWebPushDriver, vapidPublicKey, type WebPushDriver } from '../src/channels/web-push.driver';
import { startLocalPushService } from './local-push-service';

const keys = webpush.generateVAPIDKeys();
const env = { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'mailto:ops@fieldops.example' };

const aNotice = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  deliveryId: 'delivery-1',
  recipient: { userId: 'user-1', locale: 'zh-CN', country: 'CN' },
  subject: '线索即将回收',
  text: '“上海人民广场咖啡” 将在 3 天后回收到公海',
  link: '/console/leads/42',
  ...overrides,
});

describe('Web Push driver against a local push service', () => {
  let pushService: Awaited<ReturnType<typeof startLocalPushService>>;
  let driver: WebPushDriver;
  beforeAll(async () => {
    pushService = await startLocalPushService();
    const configured = createWebPushDriver(env);
    if (!configured) throw new Error('the VAPID settings should configure the driver');
    driver = configured;
  });
  afterAll(() => pushService.close());

  it('delivers a VAPID-signed message whose payload the subscriber decrypts to title, body and link', async () => {
    const subscription = pushService.subscribe(keys.publicKey);
    const outcome = await driver.send(aNotice(), subscription.json);

    expect(outcome.status).toBe('sent');
    expect(outcome.providerAnswer).toMatch(new RegExp(`^HTTP 201 ${pushService.origin}/message/`));
    const [received] = pushService.received.filter((push) => push.subscriptionId === subscription.id);
    expect(JSON.parse(received?.payload ?? 'null')).toEqual({
      title: '线索即将回收',
      body: '“上海人民广场咖啡” 将在 3 天后回收到公海',
      link: '/console/leads/42',
    });
    expect(received?.vapid).toMatchObject({ audience: pushService.origin, subject: 'mailto:ops@fieldops.example' });
    expect(Number(received?.headers.ttl)).toBeGreaterThan(0);
    expect(received?.headers.topic).toMatch(/^[\w-]{32}$/);
  });

  it('sends a notice without a link with link null', async () => {
    const subscription = pushService.subscribe(keys.publicKey);
    const { link: _, ...withoutLink } = aNotice();
    expect((await driver.send(withoutLink, subscription.json)).status).toBe('sent');
    const received = pushService.received.find((push) => push.subscriptionId === subscription.id);
    expect(JSON.parse(received?.payload ?? '{}').link).toBeNull();
  });

  it('answers gone for a subscription the push service no longer knows (404, 410)', async () => {
    for (const status of [404, 410]) {
      const outcome = await driver.send(aNotice(), pushService.subscribe(keys.publicKey, status).json);
      expect(outcome).toEqual({ status: 'gone', providerAnswer: `HTTP ${status} scripted ${status}` });
    }
  });

  it('answers retry when the push service is overloaded or failing (429, 500, 503)', async () => {
    for (const status of [429, 500, 503]) {
      expect((await driver.send(aNotice(), pushService.subscribe(keys.publicKey, status).json)).status).toBe('retry');
    }
  });

  it('answers failed when the push service refuses the message for good (a key other than the subscription’s)', async () => {
    const otherKeys = webpush.generateVAPIDKeys();
    const subscription = pushService.subscribe(otherKeys.publicKey);
    const outcome = await driver.send(aNotice(), subscription.json);
    expect(outcome.status).toBe('failed');
    expect(outcome.providerAnswer).toContain('HTTP 403');
  });

  it('answers retry when the push service cannot be reached', async () => {
    const subscription = JSON.parse(pushService.subscribe(keys.publicKey).json);
    const unreachable = JSON.stringify({ ...subscription, endpoint: 'http://127.0.0.1:9/push/nowhere' });
    const outcome = await driver.send(aNotice(), unreachable);
    expect(outcome.status).toBe('retry');
    expect(outcome.providerAnswer).toContain('cannot be reached');
  });

  it('answers failed for an address that is not a push subscription', async () => {
    expect((await driver.send(aNotice(), '+8613800138000')).status).toBe('failed');
    expect((await driver.send(aNotice(), JSON.stringify({ endpoint: 'ftp://x', keys: {} }))).status).toBe('failed');
  });
});

describe('VAPID settings', () => {
  it('are optional: without them there is no Web Push and no public key', () => {
    expect(createWebPushDriver({})).toBeUndefined();
    expect(vapidPublicKey({})).toBeNull();
    expect(vapidPublicKey(env)).toBe(keys.publicKey);
  });

  it('stop the start with the setting’s name when partial, malformed or mismatched', () => {
    const refusal = (settings: Record<string, string>) => {
      try {
        vapidSettings(settings);
      } catch (error) {
        return error instanceof ConfigError ? error.setting : error;
      }
      return 'accepted';
    };
    expect(refusal({ VAPID_PUBLIC_KEY: keys.publicKey })).toBe('VAPID_PRIVATE_KEY');
    expect(refusal({ ...env, VAPID_SUBJECT: 'ops@fieldops.example' })).toBe('VAPID_SUBJECT');
    expect(refusal({ ...env, VAPID_PUBLIC_KEY: 'short' })).toBe('VAPID_PUBLIC_KEY');
    expect(refusal({ ...env, VAPID_PUBLIC_KEY: webpush.generateVAPIDKeys().publicKey })).toBe('VAPID_PUBLIC_KEY');
    expect(refusal(env)).toBe('accepted');
  });
});
