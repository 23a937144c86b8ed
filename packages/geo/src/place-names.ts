/**
 * Comparing the names of shops as people type them: "星巴克（人民广场店）" and "星巴克 人民广场", "ＫＦＣ" and "KFC",
 * "Padaria São João Filial 2" and "Padaria Sao Joao" are the same place. Pure functions, shared by the services that
 * look for duplicates (places, leads).
 */
import { LRUCache } from 'lru-cache';

// Words that say "a branch of" rather than which business it is, in the demo countries' languages.
const LATIN_SUFFIXES = ['branch', 'outlet', 'store', 'shop', 'cabang', 'gerai', 'filial', 'loja', 'unidade', 'sucursal', 'flagship'];
const CJK_SUFFIXES = ['旗舰店', '专卖店', '分店', '总店', '门店', '分行', '店'];

const NUMBER = String.raw`(?:no\.?\s*)?\d+`;
const LATIN_SUFFIX = new RegExp(
  String.raw`(?:\s+(?:${LATIN_SUFFIXES.join('|')})(?:\s+${NUMBER})?|\s+${NUMBER}\s+(?:${LATIN_SUFFIXES.join('|')}))$`,
  'u',
);
const CJK_SUFFIX = new RegExp(`(?:第?[0-9一二三四五六七八九十]+号?)?(?:${CJK_SUFFIXES.join('|')})$`, 'u');
// A bracketed qualifier at the end, such as "(人民广场店)" or "[Orchard]"; full-width brackets are folded before.
const TRAILING_QUALIFIER = /[([{【〔「『]([^()[\]{}【】〔〕「」『』]*)[)\]}】〕」』]$/u;

/** NFKD folds full-width forms to ASCII and splits accents off their letters; the accents are then dropped. */
function fold(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase();
}

function stripSuffixes(text: string): string {
  let current = text.trim();
  for (;;) {
    const next = current.replace(LATIN_SUFFIX, '').replace(CJK_SUFFIX, '').trim();
    // A name that is nothing but a suffix ("Store", "店") keeps it: an empty key would match nothing.
    if (next === current || next.length === 0) return current;
    current = next;
  }
}

const compact = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, '');

function spaced(text: string): string {
  return text
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface NameParts {
  /** The name before a trailing bracketed qualifier. */
  base: string;
  /** The bracketed qualifier's text, if any ("人民广场店"). */
  qualifier: string;
}

function split(name: string): NameParts {
  const folded = fold(name).trim();
  const match = TRAILING_QUALIFIER.exec(folded);
  if (!match || match.index === 0) return { base: folded, qualifier: '' };
  return { base: folded.slice(0, match.index), qualifier: match[1] ?? '' };
}

/** A name's comparable form (`normalisePlaceName`) and its business part (`placeNameBase`), from one reading. */
function nameForms(name: string): { full: string; business: string } {
  const { base, qualifier } = split(name);
  const main = compact(stripSuffixes(spaced(base)));
  return { full: qualifier ? `${main}${compact(stripSuffixes(spaced(qualifier)))}` : main, business: main };
}

/**
 * The comparable form of a name: width and accents folded, lower case, branch words dropped, a trailing bracketed
 * branch qualifier kept without its branch word, punctuation and spaces removed.
 * `normalisePlaceName('星巴克（人民广场店）') === normalisePlaceName('星巴克 人民广场') === '星巴克人民广场'`.
 */
export function normalisePlaceName(name: string): string {
  return nameForms(name).full;
}

/** The name without any branch qualifier: the business rather than the branch ("星巴克（人民广场店）" → "星巴克"). */
export function placeNameBase(name: string): string {
  return nameForms(name).business;
}

/** A name's bigrams, counted once for comparing it with many others. */
interface Grams {
  text: string;
  /** Characters, not UTF-16 units. */
  length: number;
  /** Each pair of adjacent code points (as one number: the first × 0x110000 + the second) and how often it occurs. */
  grams: Map<number, number>;
  total: number;
}

const CODE_POINTS = 0x110000;

function gramsOf(text: string): Grams {
  const grams = new Map<number, number>();
  let length = 0;
  let previous = -1;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (previous >= 0) {
      const gram = previous * CODE_POINTS + code;
      grams.set(gram, (grams.get(gram) ?? 0) + 1);
    }
    previous = code;
    length++;
  }
  return { text, length, grams, total: Math.max(0, length - 1) };
}

function dice(a: Grams, b: Grams): number {
  if (a.text === b.text) return a.length > 0 ? 1 : 0;
  if (a.length < 2 || b.length < 2) return 0;
  let shared = 0;
  for (const [gram, count] of b.grams) shared += Math.min(count, a.grams.get(gram) ?? 0);
  return (2 * shared) / (a.total + b.total);
}

/**
 * Sørensen–Dice coefficient over character bigrams (0..1): script-neutral, so it suits Chinese, where words have
 * no spaces, as well as Latin names. Strings of one character compare as equal or not.
 */
export function diceCoefficient(a: string, b: string): number {
  return dice(gramsOf(a), gramsOf(b));
}

/** How much the business part of a name counts when only it matches: possibly another branch of one chain. */
const SAME_BUSINESS_WEIGHT = 0.9;

/**
 * How alike other place names are to `a` (0..1), with `a` prepared once: a duplicate check compares one name with
 * every place around. The full normalised names are compared, or, a little lower, only the business parts when one
 * of them carries a branch qualifier the other lacks or words differently.
 */
export function placeNameMatcher(a: string): (b: string) => number {
  const { full, business } = comparableName(a);
  return (b) => {
    const other = comparableName(b);
    return Math.max(dice(full, other.full), dice(business, other.business) * SAME_BUSINESS_WEIGHT);
  };
}

/** A name's two forms as bigrams, ready to compare. */
interface ComparableName {
  full: Grams;
  business: Grams;
}

/**
 * The names compared lately: a duplicate check compares the name captured with every place around it, and the next
 * capture nearby compares with the same neighbours again. Bounded, so a long import keeps only its latest names.
 */
const comparedNames = new LRUCache<string, ComparableName>({ max: 10_000 });

function comparableName(name: string): ComparableName {
  let comparable = comparedNames.get(name);
  if (comparable === undefined) {
    const forms = nameForms(name);
    comparable = { full: gramsOf(forms.full), business: gramsOf(forms.business) };
    comparedNames.set(name, comparable);
  }
  return comparable;
}

/** How alike two place names are (0..1); see `placeNameMatcher`. */
export function placeNameSimilarity(a: string, b: string): number {
  return placeNameMatcher(a)(b);
}
