import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../src/channels/channel';
import { smtpDriver } from '../src/channels/smtp.driver';
import { type SmtpTestServer, startSmtpServer } from './support/smtp-test-server';

const message: OutgoingMessage = {
  deliveryId: '0190d6e4-0000-7000-8000-000000000001',
  recipient: { userId: 'u1', locale: 'zh-CN', country: 'CN' },
  subject: '线索「东方小卖部」将于 2026年1月8日 被回收',
  text: '请及时跟进。',
  html: '<p>请及时跟进。</p>',
  link: '/console/leads/1',
};

describe('the SMTP driver against a real SMTP server on loopback', () => {
  let smtp: SmtpTestServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => smtp?.close());

  it('sends the text and HTML bodies with the subject as given, and names the delivery', async () => {
    const driver = smtpDriver({ url: smtp.url, from: 'FieldOps <no-reply@fieldops.test>' });
    const outcome = await driver.send(message, 'rep1.cn@fieldops.test');
    await driver.close?.();
    expect(outcome.status).toBe('sent');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({
      to: 'rep1.cn@fieldops.test',
      subject: message.subject,
      text: expect.stringContaining('请及时跟进。'),
      html: expect.stringContaining('<p>请及时跟进。</p>'),
      deliveryId: message.deliveryId,
    });
  });

  it('sends one message after another over the connection it keeps open, not one connection each', async () => {
    const before = smtp.connections;
    const driver = smtpDriver({ url: smtp.url, from: 'no-reply@fieldops.test' });
    const outcomes = [];
    for (let i = 0; i < 20; i++) outcomes.push(await driver.send({ ...message, deliveryId: `reuse-${i}` }, 'a@fieldops.test'));
    await driver.close?.();
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    expect(smtp.received.filter((m) => m.deliveryId?.startsWith('reuse-'))).toHaveLength(20);
    expect(smtp.connections - before).toBe(1);
  });

  it('a 4xx reply is temporary (retry), a 5xx reply permanent (failed), with the server’s answer kept', async () => {
    const driver = smtpDriver({ url: smtp.url, from: 'no-reply@fieldops.test' });
    smtp.answerNext(451, 550);
    const temporary = await driver.send(message, 'a@fieldops.test');
    const permanent = await driver.send(message, 'b@fieldops.test');
    await driver.close?.();
    expect(temporary).toMatchObject({ status: 'retry', providerAnswer: expect.stringContaining('451') });
    expect(permanent).toMatchObject({ status: 'failed', providerAnswer: expect.stringContaining('550') });
  });

  it('a server that cannot be reached is worth another attempt later', async () => {
    const closed = await startSmtpServer();
    await closed.close();
    const driver = smtpDriver({ url: closed.url, from: 'no-reply@fieldops.test' });
    const outcome = await driver.send(message, 'a@fieldops.test');
    await driver.close?.();
    expect(outcome.status).toBe('retry');
  });

  // Found by the campaign test: a pool whose connections were refused five times never sent again.
  it('sends again once a server that refused more connections than the pool holds answers', async () => {
    const closed = await startSmtpServer();
    const port = Number(new URL(closed.url).port);
    await closed.close();
    const driver = smtpDriver({ url: closed.url, from: 'no-reply@fieldops.test' });
    const refused = [];
    for (let i = 0; i < 8; i++) refused.push(await driver.send(message, 'a@fieldops.test'));
    const server = await startSmtpServer(port);
    try {
      const outcome = await driver.send({ ...message, deliveryId: 'after-refusals' }, 'a@fieldops.test');
      await driver.close?.();
      expect(refused.every((o) => o.status === 'retry')).toBe(true);
      expect(outcome.status).toBe('sent');
      expect(server.received.map((m) => m.deliveryId)).toEqual(['after-refusals']);
    } finally {
      await server.close();
    }
  });
});
