import { ConfigError, type Env } from '@fieldops/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../src/channels/channel';
import { SmsHttpDriver } from '../src/channels/sms-http.driver';
import { smsDriverFor } from '../src/channels/sms-router';
import { startLocalSmsApi } from './local-sms-api';

const aNotice = (country: string, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  deliveryId: `delivery-${country}`,
  recipient: { userId: 'user-1', locale: country === 'CN' ? 'zh-CN' : 'en', country },
  subject: 'Lead about to be recycled',
  text: country === 'CN' ? '线索“人民广场咖啡”将在 3 天后回收' : 'Lead "Raffles Cafe" will be recycled in 3 days',
  ...overrides,
});

const twilioAccount = { sid: 'AC11111111111111111111111111111111', token: 'twilio-token' };
const cnAccount = { sid: 'ACcn000000000000000000000000000000', token: 'cn-token' };

describe('SMS over a Twilio-compatible HTTP API', () => {
  let api: Awaited<ReturnType<typeof startLocalSmsApi>>;
  let driver: SmsHttpDriver;
  beforeAll(async () => {
    api = await startLocalSmsApi(twilioAccount);
    driver = new SmsHttpDriver({
      baseUrl: new URL(api.url),
      accountSid: twilioAccount.sid,
      authToken: twilioAccount.token,
      from: '+6580000000',
    });
  });
  afterAll(() => api.close());

  it('posts To, From and Body with the account’s credentials and answers the message sid', async () => {
    const outcome = await driver.send(aNotice('SG'), '+6591234567');

    expect(outcome.status).toBe('sent');
    expect(api.received.at(-1)).toEqual({
      accountSid: twilioAccount.sid,
      to: '+6591234567',
      from: '+6580000000',
      body: 'Lead "Raffles Cafe" will be recycled in 3 days',
      sid: outcome.providerAnswer,
    });
    expect(outcome.providerAnswer).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('answers failed when the provider refuses the credentials', async () => {
    const wrongToken = new SmsHttpDriver({
      baseUrl: new URL(api.url),
      accountSid: twilioAccount.sid,
      authToken: 'wrong',
      from: '+6580000000',
    });
    expect(await wrongToken.send(aNotice('SG'), '+6591234567')).toEqual({
      status: 'failed',
      providerAnswer: 'HTTP 401 20003 Authenticate',
    });
  });

  it('answers failed for a number the provider cannot reach, without retrying', async () => {
    const outcome = await driver.send(aNotice('SG'), '+9991234567');
    expect(outcome.status).toBe('failed');
    expect(outcome.providerAnswer).toContain('21211');
  });

  it('answers retry on a rate limit or an outage (429, 500, 503)', async () => {
    api.answerNext(429, 500, 503);
    for (const status of [429, 500, 503]) {
      expect(await driver.send(aNotice('SG'), '+6591234567')).toEqual({
        status: 'retry',
        providerAnswer: `HTTP ${status} ${status === 429 ? 20429 : 20500} scripted ${status}`,
      });
    }
  });

  it('answers retry when the provider cannot be reached', async () => {
    const nowhere = new SmsHttpDriver({ baseUrl: new URL('http://127.0.0.1:9'), accountSid: 'AC1', authToken: 't', from: '+6580000000' });
    expect((await nowhere.send(aNotice('SG'), '+6591234567')).status).toBe('retry');
  });

  it('refuses an address that is not an E.164 number before calling the provider', async () => {
    const before = api.received.length;
    expect((await driver.send(aNotice('SG'), '91234567')).status).toBe('failed');
    expect(api.received.length).toBe(before);
  });
});

describe('SMS provider per country', () => {
  let twilio: Awaited<ReturnType<typeof startLocalSmsApi>>;
  let cnProvider: Awaited<ReturnType<typeof startLocalSmsApi>>;
  let env: Env;
  beforeAll(async () => {
    [twilio, cnProvider] = await Promise.all([startLocalSmsApi(twilioAccount), startLocalSmsApi(cnAccount)]);
    env = {
      SMS_PROVIDERS: 'default=twilio;CN=cn-provider',
      SMS_URL_TWILIO: twilio.url,
      SMS_ACCOUNT_SID_TWILIO: twilioAccount.sid,
      SMS_AUTH_TOKEN_TWILIO: twilioAccount.token,
      SMS_FROM_TWILIO: '+6580000000',
      SMS_URL_CN_PROVIDER: cnProvider.url,
      SMS_ACCOUNT_SID_CN_PROVIDER: cnAccount.sid,
      SMS_AUTH_TOKEN_CN_PROVIDER: cnAccount.token,
      SMS_FROM_CN_PROVIDER: '106900000000',
    };
  });
  afterAll(() => Promise.all([twilio.close(), cnProvider.close()]));

  it('sends a recipient in CN through the CN provider and everyone else through the default', async () => {
    const router = smsDriverFor(env);
    if (!router) throw new Error('SMS_PROVIDERS should configure SMS');

    const cn = await router.send(aNotice('CN'), '+8613800138000');
    const sg = await router.send(aNotice('SG'), '+6591234567');

    expect(cn.status).toBe('sent');
    expect(cn.providerAnswer).toBe(`cn-provider: ${cnProvider.received.at(-1)?.sid}`);
    expect(cnProvider.received.at(-1)).toMatchObject({
      to: '+8613800138000',
      from: '106900000000',
      body: '线索“人民广场咖啡”将在 3 天后回收',
    });
    expect(sg.providerAnswer).toBe(`twilio: ${twilio.received.at(-1)?.sid}`);
    expect(twilio.received.map((sms) => sms.to)).not.toContain('+8613800138000');
    expect(router.describe()).toBe('providers twilio, cn-provider; CN→cn-provider; others→twilio');
  });

  it('follows the provider the country policy names when it is configured, unless SMS_PROVIDERS routes the country', async () => {
    const { SMS_PROVIDERS: _, ...providersOnly } = env;
    const policy = (country: string) => ({ CN: 'cn-provider', BR: 'br' })[country];
    const byPolicy = smsDriverFor({ ...providersOnly, SMS_PROVIDERS: 'default=twilio' }, policy);
    expect(byPolicy?.providerFor('CN')?.name).toBe('cn-provider');
    // BR's provider is not configured here: the default carries its messages.
    expect(byPolicy?.providerFor('BR')?.name).toBe('twilio');
    expect(byPolicy?.providerFor('SG')?.name).toBe('twilio');

    const overridden = smsDriverFor({ ...providersOnly, SMS_PROVIDERS: 'default=twilio;CN=twilio' }, policy);
    expect(overridden?.providerFor('CN')?.name).toBe('twilio');
    const sent = await byPolicy?.send(aNotice('CN'), '+8613900139000');
    expect(sent?.providerAnswer).toBe(`cn-provider: ${cnProvider.received.at(-1)?.sid}`);
  });

  it('fails a recipient whose country has no provider when there is no default', async () => {
    const router = smsDriverFor({ ...env, SMS_PROVIDERS: 'CN=cn-provider' });
    expect(await router?.send(aNotice('BR'), '+5511912345678')).toEqual({ status: 'failed', providerAnswer: 'no SMS provider for BR' });
  });

  it('uses the unsuffixed settings for a single provider, and is off without any', async () => {
    const single = smsDriverFor({
      SMS_URL: twilio.url,
      SMS_ACCOUNT_SID: twilioAccount.sid,
      SMS_AUTH_TOKEN: twilioAccount.token,
      SMS_FROM: '+6580000000',
    });
    expect((await single?.send(aNotice('BR'), '+5511912345678'))?.status).toBe('sent');
    expect(twilio.received.at(-1)?.to).toBe('+5511912345678');
    expect(smsDriverFor({})).toBeUndefined();
  });

  it('stops the start with the setting’s name when a route or a provider setting is wrong', () => {
    const refusal = (settings: Env) => {
      try {
        smsDriverFor(settings);
      } catch (error) {
        return error instanceof ConfigError ? error.setting : error;
      }
      return 'accepted';
    };
    expect(refusal({ ...env, SMS_PROVIDERS: 'default=twilio;China=cn-provider' })).toBe('SMS_PROVIDERS');
    expect(refusal({ ...env, SMS_AUTH_TOKEN_CN_PROVIDER: undefined })).toBe('SMS_AUTH_TOKEN_CN_PROVIDER');
    expect(refusal({ ...env, SMS_URL_TWILIO: 'not a url' })).toBe('SMS_URL_TWILIO');
    expect(refusal({ SMS_URL: twilio.url })).toBe('SMS_ACCOUNT_SID');
    expect(refusal(env)).toBe('accepted');
  });
});
