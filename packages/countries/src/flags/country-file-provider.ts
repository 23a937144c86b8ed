import {
  type EvaluationContext,
  FlagNotFoundError,
  type JsonValue,
  ParseError,
  type Provider,
  type ResolutionDetails,
  StandardResolutionReasons,
  TypeMismatchError,
} from '@openfeature/server-sdk';
import { COUNTRY_PACKS } from '../packs';
import { flagEnvName } from './env-name';
import { type FlagFile, flagValueType, loadFlagFile, parseFlagFile } from './flag-file';

const PACK_FLAGS = new Map(COUNTRY_PACKS.map((pack) => [pack.identity.code, pack.flags ?? {}]));

export type FlagEnv = Readonly<Record<string, string | undefined>>;

export interface CountryFileFlagProviderOptions {
  /** Path of the JSON flag file, read in initialize(). */
  file?: string;
  /** In-memory definitions (validated like the file); when given, `file` is not read. */
  flags?: FlagFile;
  /** Defaults to process.env; read at evaluation time so operators can flip a flag without a redeploy of config. */
  env?: FlagEnv;
}

type ValueType = 'boolean' | 'string' | 'number' | 'object';

interface Candidate {
  value: JsonValue;
  reason: string;
  variant: string;
}

const TRUE_WORDS = new Set(['true', '1', 'on', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'off', 'no']);

function parseEnvValue(raw: string, type: ValueType, name: string): JsonValue {
  const text = raw.trim();
  switch (type) {
    case 'boolean':
      if (TRUE_WORDS.has(text.toLowerCase())) return true;
      if (FALSE_WORDS.has(text.toLowerCase())) return false;
      throw new ParseError(`${name}="${raw}" is not a boolean (true/false/1/0/on/off/yes/no)`);
    case 'number': {
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) throw new ParseError(`${name}="${raw}" is not a number`);
      return value;
    }
    case 'string':
      return raw;
    case 'object':
      try {
        return JSON.parse(text) as JsonValue;
      } catch {
        throw new ParseError(`${name} is not valid JSON`);
      }
  }
}

/**
 * OpenFeature provider backed by a JSON file with per-country values. Precedence, highest first:
 * FLAG_<KEY>__<CC> env, FLAG_<KEY> env, file value for the context's `country`, the country pack's own value
 * (`flags` of its definition), file default.
 * Env beats the file so an incident can be handled by flipping an environment variable.
 */
export class CountryFileFlagProvider implements Provider {
  readonly metadata = { name: 'fieldops-country-file' } as const;
  readonly runsOn = 'server' as const;
  private definitions: FlagFile = { flags: {} };
  private readonly file: string | undefined;
  private readonly env: FlagEnv;

  constructor(options: CountryFileFlagProviderOptions = {}) {
    this.env = options.env ?? process.env;
    if (options.flags !== undefined) this.definitions = parseFlagFile(options.flags, 'flags option');
    else this.file = options.file;
  }

  async initialize(): Promise<void> {
    if (this.file !== undefined) this.definitions = await loadFlagFile(this.file);
  }

  async resolveBooleanEvaluation(key: string, _default: boolean, context: EvaluationContext) {
    const { value, ...rest } = this.resolve(key, 'boolean', context);
    if (typeof value !== 'boolean') throw new TypeMismatchError(`Flag ${key} is not a boolean`);
    return { value, ...rest } satisfies ResolutionDetails<boolean>;
  }

  async resolveStringEvaluation(key: string, _default: string, context: EvaluationContext) {
    const { value, ...rest } = this.resolve(key, 'string', context);
    if (typeof value !== 'string') throw new TypeMismatchError(`Flag ${key} is not a string`);
    return { value, ...rest } satisfies ResolutionDetails<string>;
  }

  async resolveNumberEvaluation(key: string, _default: number, context: EvaluationContext) {
    const { value, ...rest } = this.resolve(key, 'number', context);
    if (typeof value !== 'number') throw new TypeMismatchError(`Flag ${key} is not a number`);
    return { value, ...rest } satisfies ResolutionDetails<number>;
  }

  async resolveObjectEvaluation<T extends JsonValue>(key: string, _default: T, context: EvaluationContext): Promise<ResolutionDetails<T>> {
    const { value, ...rest } = this.resolve(key, 'object', context);
    if (value === null || typeof value !== 'object') throw new TypeMismatchError(`Flag ${key} is not an object`);
    // The caller picks T; JSON from a file cannot be proven to match it, same as every OpenFeature provider.
    return { value: value as T, ...rest };
  }

  private resolve(key: string, type: ValueType, context: EvaluationContext): Candidate {
    const country = typeof context.country === 'string' ? context.country.toUpperCase() : undefined;
    const fromEnv = this.fromEnv(key, type, country);
    if (fromEnv !== undefined) return fromEnv;

    const definition = this.definitions.flags[key];
    if (definition === undefined) throw new FlagNotFoundError(`Flag ${key} is not defined`);
    if (flagValueType(definition.default) !== type) {
      throw new TypeMismatchError(`Flag ${key} is a ${flagValueType(definition.default)}, requested as ${type}`);
    }
    const countryValue = country === undefined ? undefined : definition.countries?.[country];
    if (country !== undefined && countryValue !== undefined) {
      return { value: countryValue, reason: StandardResolutionReasons.TARGETING_MATCH, variant: `country:${country}` };
    }
    const packValue = country === undefined ? undefined : PACK_FLAGS.get(country)?.[key];
    if (packValue !== undefined && flagValueType(packValue) === type) {
      return { value: packValue, reason: StandardResolutionReasons.TARGETING_MATCH, variant: `pack:${country}` };
    }
    return { value: definition.default, reason: StandardResolutionReasons.STATIC, variant: 'default' };
  }

  private fromEnv(key: string, type: ValueType, country: string | undefined): Candidate | undefined {
    if (country !== undefined) {
      const name = flagEnvName(key, country);
      const raw = this.env[name];
      if (raw !== undefined) {
        return {
          value: parseEnvValue(raw, type, name),
          reason: StandardResolutionReasons.TARGETING_MATCH,
          variant: `env:${country}`,
        };
      }
    }
    const name = flagEnvName(key);
    const raw = this.env[name];
    if (raw === undefined) return undefined;
    return { value: parseEnvValue(raw, type, name), reason: StandardResolutionReasons.STATIC, variant: 'env' };
  }
}
