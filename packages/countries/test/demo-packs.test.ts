import { describe, expect, it } from 'vitest';
import { COUNTRY_PACKS, demoPacks } from '../src';

const withDemo = COUNTRY_PACKS.filter((pack) => pack.demo).map((pack) => pack.identity.code);

describe('DEMO_COUNTRIES', () => {
  it('seeds every pack with demo data when unset or empty', () => {
    expect(demoPacks(undefined).packs.map((pack) => pack.identity.code)).toEqual(withDemo);
    expect(demoPacks(' ').packs.map((pack) => pack.identity.code)).toEqual(withDemo);
  });

  it('limits the demo to the named countries, in the packs order, whatever the case and spacing', () => {
    const [first, second] = withDemo;
    expect(demoPacks(` ${second?.toLowerCase()} , ${first}`).packs.map((pack) => pack.identity.code)).toEqual([first, second]);
  });

  it('answers the codes without demo data, which the configuration refuses', () => {
    expect(demoPacks('SG,XX')).toEqual({
      packs: [expect.objectContaining({ identity: expect.objectContaining({ code: 'SG' }) })],
      unknown: ['XX'],
    });
  });
});
