import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LocaleModule } from '../ui/shared/i18n/language';

/**
 * Every language file of the web app is complete: the keys of English, no more, no fewer, and a translation for
 * each (a value equal to the English one is an untranslated copy unless the file says it is meant to be the same).
 * A failure lists each key by its path, so whoever adds a string knows what to add to which language.
 */
const LOCALE_DIR = new URL('../ui/shared/i18n/locales/', import.meta.url);
const files = readdirSync(LOCALE_DIR).filter((file) => file.endsWith('.ts'));
const locales: { file: string; module: LocaleModule }[] = [];
for (const file of files) locales.push({ file, module: (await import(new URL(file, LOCALE_DIR).href)) as LocaleModule });

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** Placeholders and punctuation only ('{{count}} × {{kind}}'): nothing to translate. */
const hasWords = (text: string) => /\p{L}{2,}/u.test(text.replace(/\{\{[^}]*\}\}/g, ''));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const english = locales.find(({ module }) => module.language.code === 'en');
const reference = leaves((english?.module.catalogue ?? {}) as Tree);
const others = locales.filter(({ module }) => module.language.code !== 'en');

describe('language catalogues', () => {
  it('finds English and the other languages, each file once under its own code', () => {
    expect(english).toBeDefined();
    expect(others.length).toBeGreaterThanOrEqual(6);
    for (const { file, module } of locales) expect(`${module.language.code}.ts`).toBe(file);
  });

  describe.each(others.map(({ module }) => ({ code: module.language.code, module })))('$code', ({ module }) => {
    const own = leaves(module.catalogue as unknown as Tree);

    it('misses no key of English', () => {
      expect([...reference.keys()].filter((key) => !own.has(key))).toEqual([]);
    });

    it('has no key English lacks', () => {
      expect([...own.keys()].filter((key) => !reference.has(key))).toEqual([]);
    });

    it('leaves no English copy where a translation is expected', () => {
      const meant = new Set(module.language.sameAsEnglish);
      const copies = [...own].filter(([key, text]) => text === reference.get(key) && hasWords(text) && !meant.has(key));
      expect(copies.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
    });

    it('marks as the same as English only keys that are', () => {
      expect(module.language.sameAsEnglish.filter((key) => own.get(key) !== reference.get(key))).toEqual([]);
    });

    it('keeps the placeholders of each English text', () => {
      const changed = [...own].filter(([key, text]) => {
        const english = reference.get(key);
        return english !== undefined && placeholders(english).join() !== placeholders(text).join();
      });
      expect(changed.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
    });
  });
});
