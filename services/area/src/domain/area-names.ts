import { diceCoefficient, normalisePlaceName } from '@fieldops/geo';

/** Names that score below this are not offered. */
export const MIN_NAME_SCORE = 0.6;

/**
 * How well an area's name matches a text someone typed, 0..1 (case, accents and spacing ignored): the same name
 * 1, a name that starts with the text 0.9, one that contains it 0.8, otherwise as alike as their letter pairs.
 */
export function areaNameScore(text: string, name: string): number {
  const wanted = normalisePlaceName(text);
  const have = normalisePlaceName(name);
  if (!wanted || !have) return 0;
  if (wanted === have) return 1;
  if (have.startsWith(wanted)) return 0.9;
  if (have.includes(wanted)) return 0.8;
  return Math.min(0.75, diceCoefficient(wanted, have));
}
