import { describe, expect, it } from 'vitest';
import { getCountryPolicy, maskPhone } from '../src/index';

const cases = [
  {
    country: 'CN',
    national: '138 1234 5678',
    international: '+86 138-1234-5678',
    e164: '+8613812345678',
    invalid: '1381234567',
  },
  { country: 'SG', national: '9123 4567', international: '+65 6123 4567', e164: '+6591234567', invalid: '1234 5678' },
  {
    country: 'ID',
    national: '0812-3456-7890',
    international: '+62 21 5795 1234',
    e164: '+6281234567890',
    invalid: '0812',
  },
  {
    country: 'BR',
    national: '(11) 91234-5678',
    international: '+55 21 2345-6789',
    e164: '+5511912345678',
    invalid: '(11) 1234-567',
  },
] as const;

describe.each(cases)('phone parsing in $country', ({ country, national, international, e164, invalid }) => {
  const policy = getCountryPolicy(country);

  it('accepts a national number and returns E.164 plus the national format', () => {
    const result = policy.parsePhone(national);
    expect(result).toMatchObject({ ok: true, e164 });
    if (result.ok) expect(result.national.replace(/\D/g, '')).toContain(e164.slice(-8));
  });

  it('accepts the international format', () => {
    const result = policy.parsePhone(international);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.e164).toBe(`+${international.replace(/\D/g, '')}`);
  });

  it('rejects a number that is not valid for the country', () => {
    expect(policy.parsePhone(invalid).ok).toBe(false);
    expect(policy.normalizePhone(invalid)).toBeNull();
  });

  it('normalizes to E.164', () => {
    expect(policy.normalizePhone(national)).toBe(e164);
  });
});

describe('phone parsing edge cases', () => {
  it('rejects empty and garbage input with a reason', () => {
    const cn = getCountryPolicy('CN');
    expect(cn.parsePhone('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(cn.parsePhone('not a phone')).toMatchObject({ ok: false });
    expect(cn.parsePhone('1'.repeat(100))).toEqual({ ok: false, reason: 'too_long' });
  });

  it('rejects a valid number of another country', () => {
    expect(getCountryPolicy('CN').parsePhone('+65 9123 4567')).toEqual({ ok: false, reason: 'country_mismatch' });
  });

  it('accepts full-width digits typed on Chinese keyboards', () => {
    expect(getCountryPolicy('CN').normalizePhone('１３８１２３４５６７８')).toBe('+8613812345678');
  });
});

describe('phone masking', () => {
  it('keeps the calling code and the last four digits', () => {
    expect(maskPhone('+8613812345678')).toBe('+86*******5678');
    expect(getCountryPolicy('SG').maskPhone('+6591234567')).toBe('+65****4567');
    expect(getCountryPolicy('BR').maskPhone('+5511912345678')).toBe('+55*******5678');
    expect(getCountryPolicy('ID').maskPhone('+6281234567890')).toBe('+62*******7890');
  });

  it('reveals only the tail when the input is not parseable', () => {
    expect(maskPhone('12-34-56')).toBe('**3456');
    expect(maskPhone('123')).toBe('***');
  });
});
