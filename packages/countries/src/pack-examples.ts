import { existsSync } from 'node:fs';
import type { CountryExamples } from './country-policy';
import { COUNTRY_CODES } from './packs';

/**
 * Each pack's `examples.ts` (published valid and invalid ids, phones, addresses, working days, search queries),
 * for the tests that run every pack's examples through the policy and the search service.
 */
async function loadExamples(): Promise<readonly { code: string; examples: CountryExamples }[]> {
  const out: { code: string; examples: CountryExamples }[] = [];
  for (const code of COUNTRY_CODES) {
    const folder = code.toLowerCase();
    if (!existsSync(new URL(`./${folder}/examples.ts`, import.meta.url))) continue;
    const module = (await import(`./${folder}/examples.ts`)) as { examples: CountryExamples };
    out.push({ code, examples: module.examples });
  }
  return out;
}

export const PACK_EXAMPLES = await loadExamples();
