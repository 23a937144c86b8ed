import { describe, expect, it } from 'vitest';
import { getCountryPolicy } from '../src/index';

// Intl separates symbol and amount with a no-break space in some locales; compare on plain spaces.
const plain = (s: string) => s.replace(/\s/g, ' ');

describe('money formatting', () => {
  it('formats minor units in the country currency and locale', () => {
    expect(plain(getCountryPolicy('CN').formatMoney(123456))).toBe('¥1,234.56');
    expect(plain(getCountryPolicy('BR').formatMoney(123456))).toBe('R$ 1.234,56');
    expect(plain(getCountryPolicy('ID').formatMoney(15000000))).toBe('Rp 150.000,00');
    expect(plain(getCountryPolicy('SG').formatMoney(-5))).toBe('-$0.05');
  });

  it('keeps bigint amounts beyond 2^53 exact', () => {
    expect(getCountryPolicy('CN').formatMoney(9007199254740993n)).toBe('¥90,071,992,547,409.93');
  });

  it('accepts a display locale override', () => {
    expect(plain(getCountryPolicy('BR').formatMoney(100, 'en-US'))).toBe('R$1.00');
  });

  it('rejects fractional minor units', () => {
    expect(() => getCountryPolicy('CN').formatMoney(1.5)).toThrow(RangeError);
  });
});
