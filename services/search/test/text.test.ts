import { describe, expect, it } from 'vitest';
import { highlight } from '../src/domain/highlights';
import { fold, segments } from '../src/domain/text-folding';
import { indexTerms, matchesAsPrefix, phoneTerms, queryParts } from '../src/domain/text-terms';

describe('folding', () => {
  it('folds case and Latin accents, full-width forms and Arabic vowel marks', () => {
    expect(fold('São Paulo ÇA Müller Straße ＡＢＣ')).toBe('sao paulo ca muller strasse abc');
    expect(fold('مَطْعَم')).toBe('مطعم');
  });
  it('keeps Thai vowel and tone marks inside their run', () => {
    expect(segments(fold('ข้าว มันไก่'))).toEqual([
      { kind: 'grams', text: 'ข้าว' },
      { kind: 'grams', text: 'มันไก่' },
    ]);
  });
  it('splits mixed Chinese and Latin into gram runs and words', () => {
    expect(queryParts('喜茶HEYTEA 7-Eleven')).toEqual([
      { kind: 'grams', text: '喜茶' },
      { kind: 'word', text: 'heytea' },
      { kind: 'word', text: '7' },
      { kind: 'word', text: 'eleven' },
    ]);
  });
});

describe('index terms', () => {
  it('stores Chinese as single characters and pairs, runs kept apart, and pinyin', () => {
    const terms = indexTerms('星巴克(南京路)', [], []);
    expect(terms.titleWords).toBe('星 巴 克 南 京 路');
    expect(terms.titlePairs).toBe('星巴 巴克 0 南京 京路');
    expect(terms.pinyin).toContain('xingbake');
    expect(terms.pinyin).toContain('xbk');
  });
  it('takes a phone number written in groups as one number, and matches short numbers whole', () => {
    expect(queryParts('+65 9123-4567')).toEqual([{ kind: 'word', text: '6591234567' }]);
    expect(queryParts('(021) 555')).toEqual([{ kind: 'word', text: '021555' }]);
    expect(queryParts('7 11')).toEqual([
      { kind: 'word', text: '7' },
      { kind: 'word', text: '11' },
    ]);
    expect(queryParts('7 11').map(matchesAsPrefix)).toEqual([false, false]);
    expect(queryParts('kopi 2024').map(matchesAsPrefix)).toEqual([true, true]);
  });
  it('makes every tail of 4+ digits of a phone findable', () => {
    expect(phoneTerms('+65 9123 4567')).toEqual(['6591234567', '591234567', '91234567', '1234567', '234567', '34567', '4567']);
  });
});

describe('highlights', () => {
  it('marks folded matches around the original characters, escaping the rest', () => {
    expect(highlight('São Paulo <b>', queryParts('sao'))).toBe('<em>São</em> Paulo &lt;b&gt;');
    expect(highlight('星巴克咖啡(南京西路店)', queryParts('南京 咖啡'))).toBe('星巴克<em>咖啡</em>(<em>南京</em>西路店)');
  });
  it('marks a short number only where it stands whole', () => {
    expect(highlight('7-Eleven, 77 Orchard Road', queryParts('7'))).toBe('<em>7</em>-Eleven, 77 Orchard Road');
  });
  it('marks words only at a word start, and answers null without a match', () => {
    expect(highlight('Kopi Kopitiam', queryParts('kopi'))).toBe('<em>Kopi</em> <em>Kopi</em>tiam');
    expect(highlight('Makopi', queryParts('kopi'))).toBeNull();
  });
});
