import { fileURLToPath } from 'node:url';
import { type Client, type EvaluationContext, OpenFeature } from '@openfeature/server-sdk';
import { CountryFileFlagProvider, type FlagEnv } from './country-file-provider';
import type { FlagFile } from './flag-file';

/** The flags file shipped with this package. */
export const DEFAULT_FLAGS_FILE = fileURLToPath(new URL('../../flags.json', import.meta.url));

export interface CreateFlagsOptions {
  /** JSON flag file; defaults to the package's flags.json. Ignored when `flags` is given. */
  file?: string;
  flags?: FlagFile;
  env?: FlagEnv;
  /** OpenFeature domain to bind the provider to; a unique one is generated when omitted. */
  domain?: string;
}

export interface CountryFlags {
  readonly client: Client;
  readonly domain: string;
  readonly provider: CountryFileFlagProvider;
  getBoolean(key: string, country: string | undefined, fallback: boolean): Promise<boolean>;
  getString(key: string, country: string | undefined, fallback: string): Promise<string>;
  getNumber(key: string, country: string | undefined, fallback: number): Promise<number>;
}

let domainCounter = 0;

/**
 * Binds a CountryFileFlagProvider to its own OpenFeature domain so several instances (tests,
 * services sharing a process) never see each other's provider. Evaluation errors (unknown flag, bad
 * env value) are logged by OpenFeature and yield `fallback`, as the OpenFeature spec requires.
 */
export async function createFlags(options: CreateFlagsOptions = {}): Promise<CountryFlags> {
  domainCounter += 1;
  const domain = options.domain ?? `fieldops-countries-${domainCounter}`;
  const provider = new CountryFileFlagProvider({
    ...(options.flags === undefined ? { file: options.file ?? DEFAULT_FLAGS_FILE } : { flags: options.flags }),
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  await OpenFeature.setProviderAndWait(domain, provider);
  const client = OpenFeature.getClient(domain);
  const contextFor = (country: string | undefined): EvaluationContext => (country === undefined ? {} : { country });
  return {
    client,
    domain,
    provider,
    getBoolean: (key, country, fallback) => client.getBooleanValue(key, fallback, contextFor(country)),
    getString: (key, country, fallback) => client.getStringValue(key, fallback, contextFor(country)),
    getNumber: (key, country, fallback) => client.getNumberValue(key, fallback, contextFor(country)),
  };
}
