/** `n` random decimal digits from a seeded generator (demo phones and ids). */
export const randomDigits = (random: () => number, n: number): string =>
  Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

/** One of `items`, drawn from a seeded generator. */
export function randomOf<T>(random: () => number, items: readonly [T, ...T[]]): T {
  return items[Math.floor(random() * items.length)] ?? items[0];
}

/** A GeoJSON feature property as text, or the fallback when it is missing or blank. */
export const propertyText = (value: unknown, fallback: string): string => (typeof value === 'string' && value.trim() ? value : fallback);
