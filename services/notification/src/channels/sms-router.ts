import { ConfigError, type Env } from '@fieldops/platform';
import type { ChannelDriver, DeliveryOutcome, OutgoingMessage } from './channel';
import { SmsHttpDriver } from './sms-http.driver';

/** The SMS provider a country's policy names (`cn`, `br`, `default`), if any. */
export type PolicyProvider = (country: string) => string | undefined;

/**
 * SMS through the provider of the recipient's country (CN and BR need local providers): the one `SMS_PROVIDERS`
 * names for the country, else the one its country policy names when that provider is configured, else the
 * default. The provider's answer is prefixed with its name, so the delivery log shows who was asked.
 */
export class SmsRouter implements ChannelDriver {
  readonly channel = 'sms';
  readonly name = 'sms-http';

  constructor(
    private readonly providers: ReadonlyMap<string, SmsHttpDriver>,
    private readonly routes: ReadonlyMap<string, string>,
    private readonly fallback: string | undefined,
    private readonly policyProvider: PolicyProvider,
  ) {}

  /** For the start log: the providers, the countries routed by hand and the default. */
  describe(): string {
    const routes = [...this.routes].map(([country, provider]) => `${country}→${provider}`);
    return [`providers ${[...this.providers.keys()].join(', ')}`, ...routes, ...(this.fallback ? [`others→${this.fallback}`] : [])].join(
      '; ',
    );
  }

  providerFor(country: string): SmsHttpDriver | undefined {
    const code = country.toUpperCase();
    const chosen = this.routes.get(code) ?? this.policyProvider(code);
    return (chosen ? this.providers.get(chosen) : undefined) ?? (this.fallback ? this.providers.get(this.fallback) : undefined);
  }

  async send(message: OutgoingMessage, address: string): Promise<DeliveryOutcome> {
    const driver = this.providerFor(message.recipient.country);
    if (!driver) return { status: 'failed', providerAnswer: `no SMS provider for ${message.recipient.country}` };
    const outcome = await driver.send(message, address);
    return { ...outcome, providerAnswer: `${driver.name}: ${outcome.providerAnswer}` };
  }
}

const PROVIDER_URL = /^SMS_URL_([A-Z0-9_]+)$/;

/**
 * The SMS driver from the environment, or undefined when SMS is not configured. Each provider is one account at a
 * Twilio-compatible API:
 * - the default one: `SMS_URL`, `SMS_ACCOUNT_SID`, `SMS_AUTH_TOKEN`, `SMS_FROM`;
 * - a named one (`cn-provider`): `SMS_URL_CN_PROVIDER`, `SMS_ACCOUNT_SID_CN_PROVIDER`, `SMS_AUTH_TOKEN_CN_PROVIDER`,
 *   `SMS_FROM_CN_PROVIDER`. No fallback to the unsuffixed settings: one provider's token never goes to another's URL.
 * A country goes to the provider `SMS_PROVIDERS` names for it (`default=twilio;CN=cn-provider`), else to the one its
 * country policy names (`policyProvider`) when configured, else to the default (`SMS_PROVIDERS`' `default`, or the
 * unsuffixed provider).
 */
export function smsDriverFor(env: Env, policyProvider: PolicyProvider = () => undefined): SmsRouter | undefined {
  const routes = env.SMS_PROVIDERS ? parseProviders(env.SMS_PROVIDERS) : new Map<string, string>();
  const names = new Set([...routes.values()]);
  for (const key of Object.keys(env)) {
    const suffix = PROVIDER_URL.exec(key)?.[1];
    if (suffix && env[key]) names.add(suffix.toLowerCase().replaceAll('_', '-'));
  }
  if (env.SMS_URL) names.add('default');
  if (names.size === 0) return undefined;
  const providers = new Map([...names].map((name) => [name, providerDriver(env, name)] as const));
  const fallback = routes.get('default') ?? (env.SMS_URL ? 'default' : undefined);
  routes.delete('default');
  return new SmsRouter(providers, routes, fallback, policyProvider);
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

/** The driver of one provider; `default` has the unsuffixed settings. */
function providerDriver(env: Env, provider: string): SmsHttpDriver {
  const suffix = provider === 'default' ? '' : `_${provider.toUpperCase().replaceAll('-', '_')}`;
  const setting = (name: string) => {
    const value = env[`${name}${suffix}`];
    if (!value)
      throw new ConfigError(`${name}${suffix}`, suffix ? `is required for the SMS provider ${provider}` : 'is required with SMS_URL');
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
    name: provider,
  });
}
