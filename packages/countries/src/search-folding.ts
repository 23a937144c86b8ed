import { COUNTRY_PACKS } from './packs';

/**
 * The characters every pack folds for search, in one table: a name is searched by people of any country, so the
 * index and the queries fold with all of them. Two packs folding one character differently is a mistake in a pack.
 */
function mergeFoldings(): Readonly<Record<string, string>> {
  const merged: Record<string, string> = {};
  const from: Record<string, string> = {};
  for (const pack of COUNTRY_PACKS) {
    for (const [char, folded] of Object.entries(pack.searchFolding?.characters ?? {})) {
      const earlier = merged[char];
      if (earlier !== undefined && earlier !== folded) {
        throw new Error(`Country packs ${from[char]} and ${pack.identity.code} fold "${char}" differently ("${earlier}", "${folded}")`);
      }
      merged[char] = folded;
      from[char] = pack.identity.code;
    }
  }
  return Object.freeze(merged);
}

export const SEARCH_FOLDING: Readonly<Record<string, string>> = mergeFoldings();
