import { readFile } from 'node:fs/promises';
import type { JsonValue } from '@openfeature/server-sdk';

export interface FlagDefinition {
  default: JsonValue;
  countries?: Record<string, JsonValue>;
}

export interface FlagFile {
  flags: Record<string, FlagDefinition>;
}

export class InvalidFlagFileError extends Error {
  override readonly name = 'InvalidFlagFileError';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  return isRecord(value) && Object.values(value).every(isJsonValue);
}

export function flagValueType(value: JsonValue): 'boolean' | 'string' | 'number' | 'object' {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  return 'object';
}

/**
 * Validates `{ "flags": { "<key>": { "default": v, "countries": { "CN": v } } } }`. Per-country
 * values must have the default's type so a flag can never flip type depending on who asks.
 */
export function parseFlagFile(json: unknown, source = 'flags'): FlagFile {
  if (!isRecord(json) || !isRecord(json.flags)) throw new InvalidFlagFileError(`${source}: expected { "flags": { ... } }`);
  const problems: string[] = [];
  const flags: Record<string, FlagDefinition> = {};
  for (const [key, raw] of Object.entries(json.flags)) {
    if (!isRecord(raw) || !('default' in raw) || !isJsonValue(raw.default) || raw.default === null) {
      problems.push(`${key}: needs a non-null JSON "default"`);
      continue;
    }
    const type = flagValueType(raw.default);
    const countries: Record<string, JsonValue> = {};
    if (raw.countries !== undefined) {
      if (!isRecord(raw.countries)) {
        problems.push(`${key}.countries: expected an object keyed by country code`);
        continue;
      }
      for (const [country, value] of Object.entries(raw.countries)) {
        if (!/^[A-Z]{2}$/.test(country)) problems.push(`${key}.countries.${country}: not an upper-case alpha-2 code`);
        else if (!isJsonValue(value) || value === null || flagValueType(value) !== type) {
          problems.push(`${key}.countries.${country}: must be a ${type} like the default`);
        } else countries[country] = value;
      }
    }
    flags[key] = { default: raw.default, countries };
  }
  if (problems.length > 0) throw new InvalidFlagFileError(`${source}: ${problems.join('; ')}`);
  return { flags };
}

export async function loadFlagFile(filePath: string): Promise<FlagFile> {
  const text = await readFile(filePath, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InvalidFlagFileError(`Flag file ${filePath} is not valid JSON`, { cause });
  }
  return parseFlagFile(json, filePath);
}
