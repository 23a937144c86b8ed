import { describe, expect, it } from 'vitest';
import { getCountryPolicy } from '../src/index';

describe('CN unified social credit code (GB 32100-2015)', () => {
  const cn = getCountryPolicy('CN');

  it.each(['91350100M000100Y43', '91110000600037341L', '91440300708461136T'])('accepts %s', (code) => {
    expect(cn.validateBusinessId(code)).toEqual({ ok: true, normalized: code });
  });

  it('normalizes case and spacing', () => {
    expect(cn.validateBusinessId(' 91110000 600037341l ')).toEqual({ ok: true, normalized: '91110000600037341L' });
  });

  it('rejects a wrong check character', () => {
    expect(cn.validateBusinessId('91350100M000100Y44')).toEqual({ ok: false, reason: 'bad_check_digit' });
    expect(cn.validateBusinessId('91110000600037341K')).toEqual({ ok: false, reason: 'bad_check_digit' });
  });

  it('rejects wrong length and letters outside the GB alphabet', () => {
    expect(cn.validateBusinessId('91350100M000100Y4')).toEqual({ ok: false, reason: 'bad_length' });
    expect(cn.validateBusinessId('91350100M00010OY43')).toEqual({ ok: false, reason: 'bad_charset' });
    expect(cn.validateBusinessId('')).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('BR CNPJ', () => {
  const br = getCountryPolicy('BR');

  it('accepts the formatted and the plain form', () => {
    expect(br.validateBusinessId('11.222.333/0001-81')).toEqual({ ok: true, normalized: '11222333000181' });
    expect(br.validateBusinessId('11444777000161')).toEqual({ ok: true, normalized: '11444777000161' });
  });

  it('accepts the alphanumeric CNPJ issued from July 2026', () => {
    expect(br.validateBusinessId('12.ABC.345/01DE-35')).toEqual({ ok: true, normalized: '12ABC34501DE35' });
  });

  it('rejects wrong check digits', () => {
    expect(br.validateBusinessId('11.222.333/0001-82')).toEqual({ ok: false, reason: 'bad_check_digit' });
    expect(br.validateBusinessId('11222333000191')).toEqual({ ok: false, reason: 'bad_check_digit' });
    expect(br.validateBusinessId('12ABC34501DE36')).toEqual({ ok: false, reason: 'bad_check_digit' });
  });

  it('rejects repeated digits, bad length and letters in the check digits', () => {
    expect(br.validateBusinessId('00.000.000/0000-00')).toEqual({ ok: false, reason: 'bad_format' });
    expect(br.validateBusinessId('1122233300018')).toEqual({ ok: false, reason: 'bad_length' });
    expect(br.validateBusinessId('11222333000A8X')).toEqual({ ok: false, reason: 'bad_charset' });
  });
});

describe('SG UEN format', () => {
  const sg = getCountryPolicy('SG');

  it.each(['53312345D', '201912345K', 'T08LL1234A', 'S99FC1234Z'])('accepts %s', (uen) => {
    expect(sg.validateBusinessId(uen)).toEqual({ ok: true, normalized: uen });
  });

  it('normalizes lower case', () => {
    expect(sg.validateBusinessId('t08ll1234a')).toEqual({ ok: true, normalized: 'T08LL1234A' });
  });

  it.each(['5331234D', '201912345', 'X08LL1234A', 'T08L11234A', '2019123456', '53312345DD'])('rejects %s', (uen) => {
    expect(sg.validateBusinessId(uen).ok).toBe(false);
  });
});

describe('ID NPWP format', () => {
  const idn = getCountryPolicy('ID');

  it('accepts the formatted 15-digit NPWP', () => {
    expect(idn.validateBusinessId('01.234.567.8-901.000')).toEqual({ ok: true, normalized: '012345678901000' });
  });

  it('accepts plain 15-digit and 16-digit (NIK-based) forms', () => {
    expect(idn.validateBusinessId('012345678901000')).toEqual({ ok: true, normalized: '012345678901000' });
    expect(idn.validateBusinessId('3171234567890001')).toEqual({ ok: true, normalized: '3171234567890001' });
  });

  it.each(['01234567890100', '01234567890100012', '01.234.567.8-901.00A', '01-234.567.8.901-000', ''])('rejects %j', (npwp) => {
    expect(idn.validateBusinessId(npwp).ok).toBe(false);
  });
});
