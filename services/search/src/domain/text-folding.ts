import { SEARCH_FOLDING } from '@fieldops/countries';

/**
 * How text is compared: Latin (and Greek, Cyrillic…) case and accents are folded ("São João" = "sao joao"),
 * full-width forms become half-width, Arabic vowel marks are dropped, and each country pack's own letter variants
 * fold as its `searchFolding` says (Arabic alef forms, Traditional to Simplified Han). Scripts written without
 * spaces (Chinese, Japanese, Korean, Thai, Lao, Khmer, Myanmar) and Arabic are matched by substring, so they are
 * split into single characters and character pairs rather than words.
 */

/** Scripts matched by substring (n-grams) rather than by word. */
const GRAM_CHAR =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Arabic}]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
/** Accents that NFKD splits off Latin, Greek and Cyrillic letters; Arabic vowel marks. */
const DROPPED_MARK = /[\u0300-\u036f\u064b-\u065f\u0670]/gu;
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  ...SEARCH_FOLDING,
};

/** One original character folded: what it compares as (possibly empty), and where it came from. */
export interface FoldedText {
  text: string;
  /** For each UTF-16 unit of `text`, the index of the original character it came from (in the original string). */
  origin: number[];
}

/**
 * Non-ASCII characters folded so far: a text's alphabet is small (even Chinese names draw on a few thousand
 * characters), and normalising each occurrence costs more than the rest of indexing it. Bounded, for text that
 * walks through the whole of Unicode.
 */
const foldedChars = new Map<string, string>();
const FOLDED_CHARS_KEPT = 100_000;

export function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  // ASCII (most of the text of most countries) needs no table or normalisation.
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : char;
  let folded = foldedChars.get(char);
  if (folded === undefined) {
    const lower = char.toLowerCase();
    folded = SPECIAL_LETTERS[lower] ?? lower.normalize('NFKD').replace(DROPPED_MARK, '').toLowerCase();
    if (foldedChars.size < FOLDED_CHARS_KEPT) foldedChars.set(char, folded);
  }
  return folded;
}

/** Folds text character by character, keeping a map back to the original (for highlights). */
export function foldWithOrigin(text: string): FoldedText {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const f = foldChar(char);
    folded += f;
    for (let i = 0; i < f.length; i++) origin.push(index);
    index += char.length;
  }
  return { text: folded, origin };
}

export function fold(text: string): string {
  let folded = '';
  for (const char of text) folded += foldChar(char);
  return folded;
}

export type Segment = { kind: 'word'; text: string } | { kind: 'grams'; text: string };

type CharKind = 'word' | 'grams' | 'mark' | null;

/** The kinds of the non-ASCII characters met so far (three Unicode property tests each otherwise). */
const charKinds = new Map<string, CharKind>();

function kindOf(char: string): CharKind {
  const code = char.charCodeAt(0);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) ? 'word' : null;
  let kind = charKinds.get(char);
  if (kind === undefined) {
    kind = GRAM_CHAR.test(char) ? 'grams' : MARK.test(char) ? 'mark' : WORD_CHAR.test(char) ? 'word' : null;
    if (charKinds.size < FOLDED_CHARS_KEPT) charKinds.set(char, kind);
  }
  return kind;
}

/**
 * Splits folded text into words (runs of letters and digits outside the gram scripts) and gram runs (runs of
 * characters of the gram scripts, plus their combining marks). Everything else separates.
 */
export function segments(folded: string): Segment[] {
  const out: Segment[] = [];
  let current: Segment | null = null;
  for (const char of folded) {
    const found = kindOf(char);
    // A combining mark stays with the run it follows (Thai vowels, leftover accents).
    const kind: Segment['kind'] | null = found === 'mark' ? (current === null ? null : current.kind) : found;
    if (kind === null) {
      current = null;
      continue;
    }
    if (current !== null && current.kind === kind) {
      current.text += char;
      continue;
    }
    const started: Segment = { kind, text: char };
    out.push(started);
    current = started;
  }
  return out;
}

/** The characters of a gram run (code points, so surrogate pairs stay whole). */
export function charsOf(run: string): string[] {
  return Array.from(run);
}

export function bigramsOf(run: string): string[] {
  const chars = charsOf(run);
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(`${chars[i]}${chars[i + 1]}`);
  return grams;
}
