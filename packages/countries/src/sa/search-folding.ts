import type { SearchFolding } from '../country-policy';

/**
 * Arabic letters people type interchangeably: the hamza forms of alef (أ إ آ ٱ) as bare alef, taa marbuta as haa,
 * alef maqsura and the Persian yeh as yaa, hamza on waw and yaa as the bare letters, the Persian kaf as kaf, and the
 * tatweel (a stretching stroke, no letter) dropped. Vowel marks (harakat) are dropped for every script already.
 */
export const saSearchFolding: SearchFolding = {
  characters: {
    أ: 'ا',
    إ: 'ا',
    آ: 'ا',
    ٱ: 'ا',
    ة: 'ه',
    ى: 'ي',
    ی: 'ي',
    ؤ: 'و',
    ئ: 'ي',
    ک: 'ك',
    ـ: '',
  },
};
