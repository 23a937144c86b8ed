import { describe, expect, it } from 'vitest';
import { areaCountryConflict } from '../src/area-country';

describe('the country of the area at a record’s point', () => {
  it('refuses an area of another country, naming both coordinates', () => {
    expect(areaCountryConflict({ areaId: 'sao-paulo', country: 'BR' }, 'SG')?.problems).toEqual([
      { field: '/body/lat', message: 'lies in BR, but the record is in SG' },
      { field: '/body/lng', message: 'lies in BR, but the record is in SG' },
    ]);
  });

  it('accepts an area of the record’s country, a point in no area and an unknown resolution', () => {
    expect(areaCountryConflict({ areaId: 'bishan', country: 'SG' }, 'SG')).toBeUndefined();
    expect(areaCountryConflict({ areaId: null, country: null }, 'SG')).toBeUndefined();
    expect(areaCountryConflict(undefined, 'SG')).toBeUndefined();
  });
});
