import { describe, expect, it } from 'vitest';
import { diceCoefficient, normalisePlaceName, placeNameBase, placeNameSimilarity } from '../src/index';

describe('normalisePlaceName', () => {
  it.each([
    ['星巴克（人民广场店）', '星巴克人民广场'],
    ['星巴克 人民广场', '星巴克人民广场'],
    ['ＫＦＣ', 'kfc'],
    ['KFC', 'kfc'],
    ['Padaria São João Filial 2', 'padariasaojoao'],
    ['Padaria Sao Joao', 'padariasaojoao'],
    ['Kopi Kenangan Cabang Sudirman', 'kopikenangancabangsudirman'],
    ['Kopi Kenangan - Cabang 3', 'kopikenangan'],
    ['Toast Box Outlet', 'toastbox'],
    ['瑞幸咖啡 旗舰店', '瑞幸咖啡'],
    ['全家便利店 第2分店', '全家便利'],
    ['Drogaria Araujo, Loja 12', 'drogariaaraujo'],
    ['7-Eleven', '7eleven'],
  ])('%s → %s', (name, expected) => {
    expect(normalisePlaceName(name)).toBe(expected);
  });

  it('keeps a name that is nothing but a branch word', () => {
    expect(normalisePlaceName('店')).toBe('店');
    expect(normalisePlaceName('Store')).toBe('store');
  });

  it('drops the bracketed branch qualifier for the business part', () => {
    expect(placeNameBase('星巴克（人民广场店）')).toBe('星巴克');
    expect(placeNameBase('Starbucks [Orchard Branch]')).toBe('starbucks');
  });
});

describe('placeNameSimilarity', () => {
  it('scores the same place written differently as 1', () => {
    expect(placeNameSimilarity('星巴克（人民广场店）', '星巴克 人民广场')).toBe(1);
    expect(placeNameSimilarity('ＫＦＣ', 'KFC')).toBe(1);
    expect(placeNameSimilarity('Padaria São João Filial 2', 'Padaria Sao Joao')).toBe(1);
  });

  it('scores a branch against the bare business name high but below 1', () => {
    const score = placeNameSimilarity('星巴克', '星巴克（人民广场店）');
    expect(score).toBeGreaterThan(0.8);
    expect(score).toBeLessThan(1);
  });

  it('scores a small typo high and different businesses low', () => {
    expect(placeNameSimilarity('Padaria Sao Joao', 'Padaria São Joã')).toBeGreaterThan(0.8);
    expect(placeNameSimilarity('Padaria Sao Joao', 'Farmácia Popular')).toBeLessThan(0.2);
    expect(placeNameSimilarity('星巴克', '瑞幸咖啡')).toBe(0);
    expect(placeNameSimilarity('老王面馆', '老王面包')).toBeGreaterThan(0.3);
    expect(placeNameSimilarity('老王面馆', '老王面包')).toBeLessThan(0.8);
  });

  it('is symmetric', () => {
    for (const [a, b] of [
      ['星巴克（人民广场店）', '星巴克'],
      ['Kopi Kenangan', 'Kopi Kenangan Cabang 2'],
    ] as const) {
      expect(placeNameSimilarity(a, b)).toBe(placeNameSimilarity(b, a));
    }
  });
});

describe('diceCoefficient', () => {
  it('counts repeated bigrams once each side', () => {
    expect(diceCoefficient('aaaa', 'aa')).toBeCloseTo((2 * 1) / (3 + 1));
    expect(diceCoefficient('night', 'nacht')).toBeCloseTo(0.25);
  });

  it('compares one-character strings by equality', () => {
    expect(diceCoefficient('a', 'a')).toBe(1);
    expect(diceCoefficient('a', 'b')).toBe(0);
    expect(diceCoefficient('', '')).toBe(0);
  });

  it('pairs characters, not UTF-16 units, beyond the basic plane', () => {
    // 𠮷 is two UTF-16 units: counted as units, the shared pairs would be 𠮷's halves and the half before 野.
    expect(diceCoefficient('𠮷野家', '𠮷野屋')).toBeCloseTo((2 * 1) / (2 + 2));
    expect(diceCoefficient('𠮷', '𠮷')).toBe(1);
  });
});
