import { COUNTRY_PACKS, createCountryRegistry } from '@fieldops/countries';
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

  it("tells where a country's maps open, so a user who sees several countries can switch to one", () => {
    const settings = mapSettings({});
    expect(mapConfigFor(settings, countries, 'BR').centre).toEqual({ lat: -23.5505, lng: -46.6333 });
    // A pack added later is found through the registry: its map centre comes from its own folder.
    for (const pack of COUNTRY_PACKS) {
      expect(mapConfigFor(settings, countries, pack.identity.code).centre, pack.identity.code).toEqual(pack.identity.mapCentre);
    }
    expect(mapConfigFor(settings, countries, undefined).centre).toBeNull();
  });

  it('a tiles file that is not there stops the start, naming the setting', () => {
    expect(() => mapSettings({ MAP_TILES_FILE: '/nowhere/at/all.pmtiles' })).toThrow(/MAP_TILES_FILE/);
  });
});
