import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountService } from '@fieldops/account';
import { hostEngines, startTestHost, type TestHost } from '@fieldops/testing';
import { FetchSource, PMTiles } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/index';
import { GLYPHS_PATH, TILES_PATH } from '../src/map-routes';
import { minimalPmtiles } from './support/minimal-pmtiles';

/** Where Singapore's maps open: its country pack's map centre. */
const SG_CENTRE = { lat: 1.2903, lng: 103.8519 };

const PROBLEM = 'application/problem+json';
const [engine] = await hostEngines();
const CN_STYLE = 'https://maps.example.cn/gcj02/style.json';

describe('the basemap through the gateway: runtime settings and PMTiles by HTTP range', () => {
  let t: TestHost;
  let dir: string;
  let archive: Buffer;
  const worldTile = new TextEncoder().encode('the whole world at zoom 0');
  const cornerTile = new TextEncoder().encode('north-west quarter');

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'basemap-'));
    archive = minimalPmtiles(
      [
        { z: 0, x: 0, y: 0, data: worldTile },
        { z: 1, x: 0, y: 0, data: cornerTile },
      ],
      { name: 'test extract', attribution: '© OpenStreetMap' },
    );
    fs.writeFileSync(path.join(dir, 'region.pmtiles'), archive);
    fs.mkdirSync(path.join(dir, 'glyphs', 'Noto Sans Regular'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'glyphs', 'Noto Sans Regular', '0-255.pbf'), Buffer.from([0x0a, 0x02, 0x08, 0x01]));
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'not a glyph');
    t = await startTestHost({
      services: [accountService],
      edge: createGateway({ services: [accountService] }),
      engines: engine,
      env: { MAP_TILES_FILE: path.join(dir, 'region.pmtiles'), MAP_GLYPHS_DIR: path.join(dir, 'glyphs'), MAP_STYLE_URL__CN: CN_STYLE },
    });
  });
  afterAll(async () => {
    await t?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (headers: Record<string, string> = {}, method = 'GET') => fetch(`${t.url}${TILES_PATH}`, { method, headers });

  it('the PMTiles reader reads the header, the metadata and each tile of the archive over HTTP', async () => {
    const tiles = new PMTiles(new FetchSource(`${t.url}${TILES_PATH}`));
    const header = await tiles.getHeader();
    expect(header).toMatchObject({ specVersion: 3, minZoom: 0, maxZoom: 1, numAddressedTiles: 2 });
    expect(await tiles.getMetadata()).toMatchObject({ name: 'test extract' });
    const world = await tiles.getZxy(0, 0, 0);
    expect(new TextDecoder().decode(world?.data)).toBe('the whole world at zoom 0');
    const corner = await tiles.getZxy(1, 0, 0);
    expect(new TextDecoder().decode(corner?.data)).toBe('north-west quarter');
    expect(await tiles.getZxy(1, 1, 1)).toBeUndefined();
  });

  it('answers a byte range with 206, Accept-Ranges and the exact Content-Range', async () => {
    const res = await get({ range: 'bytes=0-6' });
    expect(res.status).toBe(206);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-range')).toBe(`bytes 0-6/${archive.length}`);
    expect(res.headers.get('content-length')).toBe('7');
    expect(await res.text()).toBe('PMTiles');
  });

  it('clamps a range past the end (the reader asks 16 KiB for the header) and serves suffix and open ranges', async () => {
    const clamped = await get({ range: 'bytes=0-16383' });
    expect(clamped.status).toBe(206);
    expect(clamped.headers.get('content-range')).toBe(`bytes 0-${archive.length - 1}/${archive.length}`);
    expect(Buffer.from(await clamped.arrayBuffer()).equals(archive)).toBe(true);
    const suffix = await get({ range: 'bytes=-18' });
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get('content-range')).toBe(`bytes ${archive.length - 18}-${archive.length - 1}/${archive.length}`);
    expect(await suffix.text()).toBe('north-west quarter');
    const open = await get({ range: `bytes=${archive.length - 5}-` });
    expect(open.status).toBe(206);
    expect(await open.text()).toBe('arter');
  });

  it('a whole-file GET is 200 with its length; HEAD sends the headers only', async () => {
    const whole = await get();
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(archive.length));
    expect(whole.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(Buffer.from(await whole.arrayBuffer()).equals(archive)).toBe(true);
    const head = await get({ range: 'bytes=7-7' }, 'HEAD');
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 7-7/${archive.length}`);
    expect(await head.text()).toBe('');
  });

  it.each([
    ['starts past the end', `bytes=${10_000}-10010`],
    ['is malformed', 'bytes=abc'],
    ['ends before it starts', 'bytes=9-3'],
    ['asks several ranges', 'bytes=0-1,5-6'],
    ['is not in bytes', 'pages=1-2'],
  ])('a range that %s is 416 problem+json with Content-Range bytes */size', async (_why, range) => {
    const res = await get({ range });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-type')).toContain(PROBLEM);
    expect(res.headers.get('content-range')).toBe(`bytes */${archive.length}`);
    const problem = await res.json();
    expect(problem).toMatchObject({ status: 416, title: 'Range not satisfiable', errors: [{ field: '/headers/range' }] });
  });

  it('the map settings name the self-hosted tiles, and China its own GCJ-02 style and map app', async () => {
    const sg = await t.api('GET', '/api/v1/config/map?country=SG');
    expect(sg.status).toBe(200);
    expect(sg.body).toEqual({
      country: 'SG',
      datum: 'WGS84',
      basemap: { kind: 'pmtiles', url: TILES_PATH, glyphs: `${GLYPHS_PATH}/{fontstack}/{range}.pbf` },
      navigationUrl: null,
      centre: SG_CENTRE,
    });
    const cn = await t.api('GET', '/api/v1/config/map?country=CN');
    expect(cn.body).toMatchObject({ datum: 'GCJ02', basemap: { kind: 'style', url: CN_STYLE } });
    expect(cn.body.navigationUrl).toContain('{lat}');
  });

  it('serves the glyph ranges of its folder, and nothing outside it', async () => {
    const glyphs = await fetch(`${t.url}${GLYPHS_PATH}/Noto%20Sans%20Regular/0-255.pbf`);
    expect(glyphs.status).toBe(200);
    expect(glyphs.headers.get('content-type')).toBe('application/x-protobuf');
    expect([...new Uint8Array(await glyphs.arrayBuffer())]).toEqual([0x0a, 0x02, 0x08, 0x01]);
    for (const outside of [
      '..%2Fsecret.txt/0-255.pbf',
      'Noto%20Sans%20Regular/..%2F..%2Fsecret.txt',
      'Noto%20Sans%20Regular/256-511.pbf',
    ]) {
      const refused = await fetch(`${t.url}${GLYPHS_PATH}/${outside}`);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toContain(PROBLEM);
    }
  });

  it.each(['XX', 'cn', 'SGP'])('an unknown or malformed country (%s) is 400 problem+json naming the field', async (country) => {
    const res = await t.api('GET', `/api/v1/config/map?country=${country}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain(PROBLEM);
    expect(res.body.errors[0].field).toBe('/query/country');
  });
});
