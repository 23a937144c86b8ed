import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeocoderUnavailableError } from '../src/geocoding/geocoder';
import { NominatimGeocoder } from '../src/geocoding/nominatim-geocoder';
import { startNominatim } from './nominatim-server';

type Server = Awaited<ReturnType<typeof startNominatim>>;

describe('NominatimGeocoder against a server speaking Nominatim’s API', () => {
  let server: Server;
  let slow: Server;
  let geocoder: NominatimGeocoder;
  beforeAll(async () => {
    server = await startNominatim({ basePath: '/nominatim' });
    slow = await startNominatim({ delayMs: 500 });
    geocoder = new NominatimGeocoder({ baseUrl: new URL(server.url), userAgent: 'FieldOps-test/1.0', timeoutMs: 2000, limit: 5 });
  });
  afterAll(async () => {
    await server?.close();
    await slow?.close();
  });

  it('searches with q, countrycodes, jsonv2 and a User-Agent, and maps the answer', async () => {
    const results = await geocoder.geocode('252 North Bridge Road Raffles', 'SG');
    expect(results).toEqual([
      {
        address: 'Raffles City, 252, North Bridge Road, City Hall, Downtown Core, Singapore, Central, 179103, Singapore',
        name: 'Raffles City',
        lat: 1.2933657,
        lng: 103.8520443,
        country: 'SG',
        score: 0.4315,
        source: 'nominatim',
        placeId: null,
      },
    ]);
    const request = server.seen.at(-1);
    expect(request?.path).toBe('/nominatim/search');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      q: '252 North Bridge Road Raffles',
      countrycodes: 'sg',
      format: 'jsonv2',
      addressdetails: '1',
      limit: '5',
    });
    expect(request?.userAgent).toBe('FieldOps-test/1.0');
  });

  it('answers nothing for an address it does not know', async () => {
    expect(await geocoder.geocode('Nowhere Lane', 'BR')).toEqual([]);
  });

  it('reverse-geocodes a point with lat, lon and jsonv2', async () => {
    const result = await geocoder.reverse(31.2312, 121.4734);
    expect(result).toMatchObject({
      address: '星巴克, 人民大道, 黄浦区, 上海市, 200001, 中国',
      lat: 31.2312176,
      lng: 121.4734508,
      country: 'CN',
    });
    expect(Object.fromEntries(server.seen.at(-1)?.query ?? [])).toMatchObject({ lat: '31.2312', lon: '121.4734', format: 'jsonv2' });
  });

  it('answers null where Nominatim is "Unable to geocode" (the open sea)', async () => {
    expect(await geocoder.reverse(0, -30)).toBeNull();
  });

  it('reports a server error, a non-JSON answer, an unreachable server and a timeout as unavailable', async () => {
    await expect(geocoder.geocode('explode', 'SG')).rejects.toThrow(/HTTP 500/);
    await expect(geocoder.geocode('garbage', 'SG')).rejects.toThrow(/not JSON/);
    const gone = new NominatimGeocoder({ baseUrl: new URL('http://127.0.0.1:1'), userAgent: 'x', timeoutMs: 1000 });
    await expect(gone.geocode('x', 'SG')).rejects.toThrow(/cannot be reached/);
    const impatient = new NominatimGeocoder({ baseUrl: new URL(slow.url), userAgent: 'x', timeoutMs: 50 });
    const error = await impatient.reverse(31.2, 121.4).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeocoderUnavailableError);
    expect(String(error)).toMatch(/within 50 ms/);
  });
});
