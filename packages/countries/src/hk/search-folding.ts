import type { SearchFolding } from '../country-policy';
import { traditionalToSimplified } from './traditional-simplified';

/**
 * Hong Kong writes Traditional characters, the mainland Simplified ones: 華潤萬家 and 华润万家 are one shop. Both
 * fold to the Simplified form, so either finds the other (繁/简 folding).
 */
export const hkSearchFolding: SearchFolding = { characters: traditionalToSimplified() };
