import { accountService } from '@fieldops/account';
import { startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { createNotificationService } from '../src/index';

describe('the key browsers subscribe to Web Push with', () => {
  const keys = webpush.generateVAPIDKeys();
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService, createNotificationService()],
      seedDemo: true,
      env: { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'mailto:ops@fieldops.example' },
    });
  }, 120_000);
  afterAll(() => t?.stop());

  it('is the configured VAPID public key, for any signed-in user', async () => {
    const res = await t.api('GET', '/api/v1/push-subscriptions/key', { token: await t.login('rep1.sg@fieldops.test') });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ publicKey: keys.publicKey });
  });

  it('is refused without a token', async () => {
    const res = await t.api('GET', '/api/v1/push-subscriptions/key');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
