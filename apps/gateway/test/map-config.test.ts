import { createCountryRegistry } from '@fieldops/countries';
import { describe, expect, it } from 'vitest';
import { mapConfigFor, mapSettings, TILES_PATH } from '../src/map-routes';

const countries = createCountryRegistry();

describe('which base map a country gets', () => {
  it('with nothing configured every country draws on Natural Earth land, in WGS-84', () => {
    const settings = mapSettings({});
    for (const country of ['SG', 'CN', undefined]) {
      expect(mapConfigFor(settings, countries, country)).toMatchObject({ datum: 'WGS84', basemap: { kind: 'natural-earth' } });
    }
  });

  it('the self-hosted OpenStreetMap tiles are never offered where maps must be GCJ-02', () => {
    const settings = { countryStyleUrls: {}, tilesFile: '/srv/asia.pmtiles' };
    expect(mapConfigFor(settings, countries, 'ID').basemap).toEqual({ kind: 'pmtiles', url: TILES_PATH, glyphs: null });
    expect(mapConfigFor(settings, countries, 'CN').basemap).toEqual({ kind: 'natural-earth' });
  });

  it("a country's own style wins over the deployment's, and its datum comes with it", () => {
    const settings = mapSettings({ MAP_STYLE_URL: 'https://tiles.example/style.json', MAP_STYLE_URL__CN: 'https://cn.example/gcj.json' });
    expect(mapConfigFor(settings, countries, 'BR')).toMatchObject({
      datum: 'WGS84',
      basemap: { kind: 'style', url: 'https://tiles.example/style.json' },
    });
    expect(mapConfigFor(settings, countries, 'CN')).toMatchObject({
      datum: 'GCJ02',
      basemap: { kind: 'style', url: 'https://cn.example/gcj.json' },
    });
  });

  it('a tiles file that is not there stops the start, naming the setting', () => {
    expect(() => mapSettings({ MAP_TILES_FILE: '/nowhere/at/all.pmtiles' })).toThrow(/MAP_TILES_FILE/);
  });
});
