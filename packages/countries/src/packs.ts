import { existsSync, readdirSync } from 'node:fs';
import type { CountryDefinition } from './country-policy';

/**
 * The country packs: every folder under `src/` named by a two-letter country code (lower case) whose `index.ts`
 * exports `country`. Found at start, so adding a country is adding its folder and nothing else.
 */
const PACK_FOLDER = /^[a-z]{2}$/;

async function loadPacks(): Promise<readonly CountryDefinition[]> {
  const folders = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && PACK_FOLDER.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const packs: CountryDefinition[] = [];
  for (const folder of folders) {
    if (!existsSync(new URL(`./${folder}/index.ts`, import.meta.url))) {
      throw new Error(`Country pack src/${folder}/ has no index.ts exporting \`country\``);
    }
    const module = (await import(`./${folder}/index.ts`)) as { country?: CountryDefinition };
    const pack = module.country;
    // A folder that looks like a pack but is not one is a mistake worth stopping the start for.
    if (pack?.identity?.code !== folder.toUpperCase()) {
      throw new Error(`Country pack src/${folder}/index.ts must export \`country\` with identity.code "${folder.toUpperCase()}"`);
    }
    packs.push(pack);
  }
  return Object.freeze(packs);
}

export const COUNTRY_PACKS: readonly CountryDefinition[] = await loadPacks();

/** ISO 3166-1 alpha-2 codes of every pack, in alphabetical order. */
export const COUNTRY_CODES: readonly string[] = Object.freeze(COUNTRY_PACKS.map((pack) => pack.identity.code));

/** The setting that limits the demo data to some countries, e.g. `DEMO_COUNTRIES=CN,SG` (default: every pack's). */
export const DEMO_COUNTRIES_ENV = 'DEMO_COUNTRIES';

/** The packs with demo data whose codes `DEMO_COUNTRIES` names (all of them when unset); answers the unknown codes too. */
export function demoPacks(setting: string | undefined = process.env[DEMO_COUNTRIES_ENV]): {
  packs: readonly CountryDefinition[];
  unknown: string[];
} {
  const withDemo = COUNTRY_PACKS.filter((pack) => pack.demo);
  if (!setting?.trim()) return { packs: withDemo, unknown: [] };
  const codes = setting
    .split(',')
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
  const known = new Set(withDemo.map((pack) => pack.identity.code));
  return { packs: withDemo.filter((pack) => codes.includes(pack.identity.code)), unknown: codes.filter((code) => !known.has(code)) };
}

/** The demo packs of this process's setting, read once at start (the configuration refuses unknown codes). */
export const DEMO_PACKS: readonly CountryDefinition[] = demoPacks().packs;
