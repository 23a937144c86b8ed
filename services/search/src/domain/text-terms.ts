import { pinyin } from 'pinyin-pro';
import { bigramsOf, charsOf, fold, type Segment, segments } from './text-folding';

/**
 * What the text index stores for a document. Words and single gram characters go to the `*Words` columns, the
 * character pairs of each gram run to the `*Pairs` columns: a query of one Chinese character matches a single
 * character, a longer one matches its pairs as a phrase (contiguous), so any substring of 1, 2 or more characters
 * is found. `pinyin` holds the full and initial-letter pinyin of Han text, so "xingbake" or "xbk" find 星巴克.
 */
export interface IndexTerms {
  titleWords: string;
  titlePairs: string;
  bodyWords: string;
  bodyPairs: string;
  pinyin: string;
}

/** Separates the pairs of two gram runs so that a phrase never spans a gap; no query ever asks for it. */
const RUN_BREAK = '0';
const HAN = /\p{Script=Han}/u;

function wordsAndPairs(text: string): { words: string[]; pairs: string[] } {
  const words: string[] = [];
  const pairs: string[] = [];
  for (const segment of segments(fold(text))) {
    if (segment.kind === 'word') {
      words.push(segment.text);
      continue;
    }
    words.push(...charsOf(segment.text));
    if (pairs.length > 0) pairs.push(RUN_BREAK);
    pairs.push(...bigramsOf(segment.text));
  }
  return { words, pairs };
}

function pinyinOf(texts: string[]): string[] {
  const out: string[] = [];
  for (const text of texts) {
    for (const segment of segments(fold(text))) {
      if (segment.kind !== 'grams' || !HAN.test(segment.text)) continue;
      const syllables = pinyin(segment.text, { toneType: 'none', type: 'array', nonZh: 'removed', v: true });
      if (syllables.length === 0) continue;
      out.push(syllables.join(''), syllables.map((s) => s[0] ?? '').join(''));
    }
  }
  return out;
}

/** Phone numbers are found by any tail of four or more digits too ("4567" finds +65 9123 4567). */
export function phoneTerms(phone: string): string[] {
  const digits = phone.replace(/\D/g, '');
  const out: string[] = [];
  for (let start = 0; digits.length - start >= 4; start++) out.push(digits.slice(start));
  return out;
}

export function indexTerms(title: string, body: string[], phones: string[]): IndexTerms {
  const t = wordsAndPairs(title);
  const bodyWords: string[] = [];
  const bodyPairs: string[] = [];
  for (const text of body) {
    const b = wordsAndPairs(text);
    bodyWords.push(...b.words);
    if (bodyPairs.length > 0 && b.pairs.length > 0) bodyPairs.push(RUN_BREAK);
    bodyPairs.push(...b.pairs);
  }
  for (const phone of phones) bodyWords.push(...phoneTerms(phone));
  return {
    titleWords: t.words.join(' '),
    titlePairs: t.pairs.join(' '),
    bodyWords: bodyWords.join(' '),
    bodyPairs: bodyPairs.join(' '),
    pinyin: pinyinOf([title]).join(' '),
  };
}

/** A query written as a phone number: digits in groups with phone punctuation, four digits or more. */
const PHONE_QUERY = /^[\s+\-().\d]+$/;

/**
 * The parts of a query, folded: every part must match (AND). A phone number written in groups ("+65 9123 4567") is
 * one part, its digits: the index holds the number's tails, not its groups.
 */
export function queryParts(q: string): Segment[] {
  const digits = q.replace(/\D/g, '');
  if (PHONE_QUERY.test(q) && digits.length >= 4) return [{ kind: 'word', text: digits }];
  return segments(fold(q));
}

/**
 * Whether a word part matches the words it begins ("kopi" finds "kopitiam") or only itself. A number of one to three
 * digits matches only itself: as a prefix it would match every phone tail it begins (half the index for "7"), and
 * no phone is found by fewer than four digits.
 */
export function matchesAsPrefix(part: Segment): boolean {
  return part.kind === 'word' && !/^\d{1,3}$/.test(part.text);
}
