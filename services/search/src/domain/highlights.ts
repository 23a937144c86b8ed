import { foldWithOrigin, type Segment } from './text-folding';
import { matchesAsPrefix } from './text-terms';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Where the query's parts occur in the folded text: words at a word's start (whole for short numbers), gram runs anywhere. */
function matchedRanges(folded: string, parts: Segment[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const part of parts) {
    let from = folded.indexOf(part.text);
    while (from >= 0) {
      const before = folded[from - 1];
      const after = folded[from + part.text.length];
      const atStart = before === undefined || !WORD_CHAR.test(before);
      const ends = matchesAsPrefix(part) || after === undefined || !WORD_CHAR.test(after);
      if (part.kind === 'grams' || (atStart && ends)) ranges.push([from, from + part.text.length]);
      from = folded.indexOf(part.text, from + 1);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/**
 * The text with the query's matches wrapped in `<em>` (the rest HTML-escaped), or null when nothing matched. Matching
 * runs on folded text, so "sao" highlights "São"; the marks go around the original characters.
 */
export function highlight(text: string, parts: Segment[]): string | null {
  if (parts.length === 0 || text === '') return null;
  const folded = foldWithOrigin(text);
  const ranges = matchedRanges(folded.text, parts);
  if (ranges.length === 0) return null;
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    const from = folded.origin[start] ?? text.length;
    const lastOrigin = folded.origin[end - 1] ?? text.length;
    const to = lastOrigin + (text.codePointAt(lastOrigin) !== undefined && (text.codePointAt(lastOrigin) ?? 0) > 0xffff ? 2 : 1);
    if (from < at) continue;
    out += `${escapeHtml(text.slice(at, from))}<em>${escapeHtml(text.slice(from, to))}</em>`;
    at = to;
  }
  return out + escapeHtml(text.slice(at));
}
