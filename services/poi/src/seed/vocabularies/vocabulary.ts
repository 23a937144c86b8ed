import type { PlaceCategory } from '@fieldops/contracts';

/**
 * What a demo country's places are called and where they are: name patterns per category (`{w}` a local word,
 * `{place}` a neighbourhood, as in chain branches "星巴克（{place}店）"), streets and a way to write an address and
 * a valid phone number from random digits.
 */
export interface Vocabulary {
  words: string[];
  neighbourhoods: string[];
  streets: string[];
  names: Record<PlaceCategory, string[]>;
  address(pick: Picker): string;
  phone(pick: Picker): string;
}

/** Draws from a seeded generator, so the same seed writes the same places. */
export interface Picker {
  one<T>(items: readonly T[]): T;
  /** A string of `n` random decimal digits. */
  digits(n: number): string;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
}
