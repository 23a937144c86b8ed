import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers in Nominatim's jsonv2 format, as nominatim.openstreetmap.org does (trimmed to a few results). */
export const RAFFLES_CITY = {
  place_id: 308486432,
  licence: 'Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright',
  osm_type: 'way',
  osm_id: 25338519,
  lat: '1.2933657',
  lon: '103.8520443',
  category: 'tourism',
  type: 'attraction',
  place_rank: 30,
  importance: 0.4315,
  addresstype: 'tourism',
  name: 'Raffles City',
  display_name: 'Raffles City, 252, North Bridge Road, City Hall, Downtown Core, Singapore, Central, 179103, Singapore',
  address: {
    tourism: 'Raffles City',
    house_number: '252',
    road: 'North Bridge Road',
    quarter: 'City Hall',
    suburb: 'Downtown Core',
    city: 'Singapore',
    'ISO3166-2-lvl6': 'SG-01',
    postcode: '179103',
    country: 'Singapore',
    country_code: 'sg',
  },
  boundingbox: ['1.2922331', '1.2945008', '103.8508124', '103.8533051'],
};

export const PEOPLES_SQUARE_CAFE = {
  place_id: 1187546312,
  licence: 'Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright',
  osm_type: 'node',
  osm_id: 5345234441,
  lat: '31.2312176',
  lon: '121.4734508',
  category: 'amenity',
  type: 'cafe',
  place_rank: 30,
  importance: 0.00008,
  addresstype: 'amenity',
  name: '星巴克',
  display_name: '星巴克, 人民大道, 黄浦区, 上海市, 200001, 中国',
  address: {
    amenity: '星巴克',
    road: '人民大道',
    city_district: '黄浦区',
    city: '上海市',
    postcode: '200001',
    country: '中国',
    country_code: 'cn',
  },
  boundingbox: ['31.2311676', '31.2312676', '121.4734008', '121.4735008'],
};

export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  userAgent: string | undefined;
}

/** A local HTTP server that speaks Nominatim's API: /search and /reverse, under an optional base path. */
export async function startNominatim(options: { basePath?: string; delayMs?: number } = {}) {
  const seen: SeenRequest[] = [];
  const base = options.basePath ?? '';
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    seen.push({ path: url.pathname, query: url.searchParams, userAgent: request.headers['user-agent'] });
    const send = (status: number, body: unknown) => {
      const answer = () => {
        response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        response.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (options.delayMs) setTimeout(answer, options.delayMs);
      else answer();
    };
    const q = url.searchParams.get('q') ?? '';
    if (url.pathname === `${base}/search`) {
      if (q === 'explode') return send(500, { error: 'internal' });
      if (q === 'garbage') return send(200, '<html>not json</html>');
      const results = url.searchParams.get('countrycodes') === 'sg' && q.includes('Raffles') ? [RAFFLES_CITY, { lat: 'x' }] : [];
      return send(200, results);
    }
    if (url.pathname === `${base}/reverse`) {
      const lat = Number(url.searchParams.get('lat'));
      if (lat > 31 && lat < 31.5) return send(200, PEOPLES_SQUARE_CAFE);
      return send(200, { error: 'Unable to geocode' });
    }
    return send(404, { error: 'no such endpoint' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
