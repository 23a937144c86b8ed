import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COUNTRY_PACKS } from '../src/index';

/**
 * A country is a folder: `packages/countries/src/<cc>/` holds everything about it, and the apps find it there. These
 * tests fail when a pack reaches outside its folder — when some other file names the country — so the interface,
 * not a list somewhere, is what the next pack has to fix.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Where a pack may put things besides its folder: one catalogue file per language of the web app. */
const ALLOWED_OUTSIDE = ['apps/web/ui/shared/i18n/locales/'];

/**
 * Packs written before countries were found by folder: many tests, benchmarks and fixtures name them, which is fine
 * for tests; they are held to the registry rule below, not to the whole-repository search.
 */
const FIRST_PACKS = new Set(['BR', 'CN', 'ID', 'SG']);

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'data', 'test-results', 'gen', 'results']);
const SCANNED = /\.(ts|tsx|json|css|html)$/;
const GENERATED = new Set(['package-lock.json', 'apps/gateway/openapi.json', 'apps/web/ui/shared/api/openapi.gen.ts']);

function sourceFiles(dir = ROOT): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (SCANNED.test(entry.name)) out.push(full);
  }
  return out;
}

const FILES = sourceFiles().map((file) => ({ rel: path.relative(ROOT, file).split(path.sep).join('/'), file }));

/** The texts that give a pack away: its code as a literal, its currency, its time zone and its demo city. */
function signatures(pack: (typeof COUNTRY_PACKS)[number]): string[] {
  const { code, currency, timezone } = pack.identity;
  const quoted = [code, currency].flatMap((text) => [`'${text}'`, `"${text}"`, `\`${text}\``]);
  return [...quoted, timezone, ...(pack.demo ? [pack.demo.city] : [])];
}

function mentions(pack: (typeof COUNTRY_PACKS)[number]): string[] {
  const folder = `packages/countries/src/${pack.identity.code.toLowerCase()}/`;
  const found: string[] = [];
  for (const { rel, file } of FILES) {
    if (rel.startsWith(folder) || GENERATED.has(rel) || ALLOWED_OUTSIDE.some((allowed) => rel.startsWith(allowed))) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    for (const [n, line] of lines.entries()) {
      const hit = signatures(pack).find((signature) => line.includes(signature));
      if (hit) found.push(`${rel}:${n + 1} names ${hit}`);
    }
  }
  return found;
}

describe('a country pack stays in its folder', () => {
  const newer = COUNTRY_PACKS.filter((pack) => !FIRST_PACKS.has(pack.identity.code));

  it('has packs to check besides the first four', () => {
    expect(newer.length).toBeGreaterThan(0);
  });

  it.each(newer.map((pack) => [pack.identity.code, pack] as const))('no file outside src/%s/ names the country', (_code, pack) => {
    expect(mentions(pack)).toEqual([]);
  });

  it('the registry, the package index, the demo lists and the web app name no country', () => {
    const registries = [
      'packages/countries/src/index.ts',
      'packages/countries/src/registry.ts',
      'packages/countries/src/packs.ts',
      'packages/countries/src/country-policy.ts',
      'packages/demo-data/src/index.ts',
      'services/account/src/seed/demo-organisation.ts',
      'services/area/src/seed/demo-territories.ts',
      'services/poi/src/seed/demo-cities.ts',
      'services/merchant/src/seed/demo-merchants.ts',
      'services/search/src/domain/text-folding.ts',
      'apps/web/ui/shared/i18n/i18n.ts',
      'apps/web/ui/shared/i18n/catalogues.ts',
      'apps/web/ui/shared/map/home-view.ts',
      'apps/gateway/src/map-routes.ts',
    ];
    const named: string[] = [];
    for (const rel of registries) {
      const text = readFileSync(path.join(ROOT, rel), 'utf8');
      for (const pack of COUNTRY_PACKS) {
        const hit = signatures(pack).find((signature) => text.includes(signature));
        if (hit) named.push(`${rel} names ${hit}`);
      }
    }
    expect(named).toEqual([]);
  });
});
