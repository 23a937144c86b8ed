import { ConfigError, type Env } from '@fieldops/platform';
import type { ChannelDriver, DeliveryOutcome, OutgoingMessage } from './channel';
import { SmsHttpDriver } from './sms-http.driver';

/**
 * SMS through the provider of the recipient's country (CN and BR need local providers), falling back to the
 * `default` one. The provider's answer is prefixed with its name, so the delivery log shows who was asked.
 */
export class SmsRouter implements ChannelDriver {
  readonly channel = 'sms';
  readonly name = 'sms-http';

  constructor(
    private readonly byCountry: ReadonlyMap<string, SmsHttpDriver>,
    private readonly fallback: SmsHttpDriver | undefined,
  ) {}

  /** For the start log: which provider serves which country. */
  describe(): string {
    const routes = [...this.byCountry].map(([country, driver]) => `${country}→${driver.name}`);
    return [...routes, ...(this.fallback ? [`others→${this.fallback.name}`] : [])].join(', ');
  }

  async send(message: OutgoingMessage, address: string): Promise<DeliveryOutcome> {
    const driver = this.byCountry.get(message.recipient.country.toUpperCase()) ?? this.fallback;
    if (!driver) return { status: 'failed', providerAnswer: `no SMS provider for ${message.recipient.country}` };
    const outcome = await driver.send(message, address);
    return { ...outcome, providerAnswer: `${driver.name}: ${outcome.providerAnswer}` };
  }
}

/**
 * The SMS driver from the environment, or undefined when SMS is not configured.
 * - One provider: `SMS_URL`, `SMS_ACCOUNT_SID`, `SMS_AUTH_TOKEN`, `SMS_FROM`.
 * - Per country: `SMS_PROVIDERS=default=twilio;CN=cn-provider;BR=br-provider`, and for each provider its own
 *   `SMS_URL_<PROVIDER>`, `SMS_ACCOUNT_SID_<PROVIDER>`, `SMS_AUTH_TOKEN_<PROVIDER>`, `SMS_FROM_<PROVIDER>`
 *   (`cn-provider` → `_CN_PROVIDER`). No fallback to the unsuffixed settings: one provider's token never goes
 *   to another provider's URL.
 */
export function smsDriverFor(env: Env): SmsRouter | undefined {
  const routes = env.SMS_PROVIDERS ? parseProviders(env.SMS_PROVIDERS) : env.SMS_URL ? new Map([['default', '']]) : undefined;
  if (!routes) return undefined;
  const drivers = new Map<string, SmsHttpDriver>();
  const driverOf = (provider: string) => {
    const known = drivers.get(provider);
    if (known) return known;
    const created = providerDriver(env, provider);
    drivers.set(provider, created);
    return created;
  };
  const byCountry = new Map<string, SmsHttpDriver>();
  let fallback: SmsHttpDriver | undefined;
  for (const [key, provider] of routes) {
    if (key === 'default') fallback = driverOf(provider);
    else byCountry.set(key, driverOf(provider));
  }
  return new SmsRouter(byCountry, fallback);
}

/** `default=twilio;CN=cn-provider` → default→twilio, CN→cn-provider. */
function parseProviders(value: string): Map<string, string> {
  const routes = new Map<string, string>();
  for (const entry of value
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^(default|[A-Z]{2})=([a-z0-9][a-z0-9-]*)$/i.exec(entry);
    if (!match?.[1] || !match[2]) {
      throw new ConfigError('SMS_PROVIDERS', `"${entry}" is not COUNTRY=provider or default=provider (e.g. default=twilio;CN=cn-provider)`);
    }
    const key = match[1].toLowerCase() === 'default' ? 'default' : match[1].toUpperCase();
    if (routes.has(key)) throw new ConfigError('SMS_PROVIDERS', `${key} is named twice`);
    routes.set(key, match[2].toLowerCase());
  }
  if (routes.size === 0) throw new ConfigError('SMS_PROVIDERS', 'names no provider');
  return routes;
}

/** The driver of one provider; provider '' is the single unsuffixed one. */
function providerDriver(env: Env, provider: string): SmsHttpDriver {
  const suffix = provider ? `_${provider.toUpperCase().replaceAll('-', '_')}` : '';
  const setting = (name: string) => {
    const value = env[`${name}${suffix}`];
    if (!value)
      throw new ConfigError(`${name}${suffix}`, provider ? `is required for the SMS provider ${provider}` : 'is required with SMS_URL');
    return value;
  };
  const url = setting('SMS_URL');
  let baseUrl: URL;
  try {
    baseUrl = new URL(url);
  } catch {
    throw new ConfigError(`SMS_URL${suffix}`, 'is not a URL (expected https://host of a Twilio-compatible API)');
  }
  if (baseUrl.protocol !== 'https:' && baseUrl.protocol !== 'http:') throw new ConfigError(`SMS_URL${suffix}`, 'must be http(s)://…');
  return new SmsHttpDriver({
    baseUrl,
    accountSid: setting('SMS_ACCOUNT_SID'),
    authToken: setting('SMS_AUTH_TOKEN'),
    from: setting('SMS_FROM'),
    name: provider || 'sms-http',
  });
}
