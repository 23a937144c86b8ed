import { databaseEngines, MovableClock, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, leadsDb, startLeadsHost } from './leads-fixtures';

const engines = await databaseEngines();
const HEADER = 'name,phone,address,category,lat,lng';

describe.each(engines)('CSV import on $name', (database) => {
  let t: TestHost;
  const clock = new MovableClock(Date.now());
  const as = (who: string) => t.login(`${who}@fieldops.test`);
  const importCsv = async (token: string, csv: string, query = '') =>
    t.api('POST', `/api/v1/leads/import${query}`, { token, body: csv, headers: { 'content-type': 'text/csv' } });

  beforeAll(async () => {
    t = await startLeadsHost(database, clock);
  });
  afterAll(async () => t?.stop());

  it('reports each row: created into the public pool, merged on a strong duplicate (also within the file), rejected with reasons', async () => {
    const rep = await as('rep4.sg');
    const existing = await t.api('POST', '/api/v1/leads', {
      token: rep,
      body: { name: 'Kopi Corner Trading', category: 'restaurant', lat: 1.45, lng: 103.7 },
    });
    expect(existing.status, JSON.stringify(existing.body)).toBe(201);
    const csv = [
      HEADER,
      '"Lim, Brothers ""Hardware""",+65 9000 1111,"1 Jalan Besar",retail,1.46,103.71',
      'Kopi Corner Trading,,,restaurant,1.45001,103.7',
      'Lim Brothers Hardware,+65 9000 1111,,retail,1.46001,103.71',
      ',,,spaceship,north,103',
      'Bad Phone,12,,grocery,1.47,103.72',
      'Second Phone Twin,+65 9000 1111,,pharmacy,1.4602,103.7102',
    ].join('\r\n');
    const res = await importCsv(rep, csv);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body, JSON.stringify(res.body.rows)).toMatchObject({ created: 2, merged: 2, rejected: 2 });
    const [first, merged, twin, invalid, badPhone, weak] = res.body.rows;
    expect(first).toMatchObject({ row: 1, status: 'created', reasons: [] });
    expect(merged).toMatchObject({ row: 2, status: 'merged', leadId: existing.body.id, duplicateOf: existing.body.id });
    expect(twin).toMatchObject({ row: 3, status: 'merged', leadId: first.leadId });
    expect(invalid.status).toBe('rejected');
    expect(invalid.reasons.map((r: string) => r.split(':')[0])).toEqual(['name', 'category', 'lat']);
    expect(badPhone).toMatchObject({ status: 'rejected', reasons: [expect.stringMatching(/^phone: /)] });
    expect(weak).toMatchObject({ status: 'created', duplicateOf: first.leadId });
    const stored = await t.api('GET', `/api/v1/leads/${first.leadId}`, { token: rep });
    expect(stored.body).toMatchObject({
      name: 'Lim, Brothers "Hardware"',
      pool: 'public',
      ownerId: null,
      phoneMasked: true,
      address: '1 Jalan Besar',
    });
    const count = await leadsDb(t)
      .selectFrom('lead')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', '=', 'Kopi Corner Trading')
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(1);
  });

  it('assignTo=self makes the leads mine, protected; the rows over my limit are rejected', async () => {
    const rep = await as('rep5.sg');
    const holding = await leadsDb(t)
      .selectFrom('lead_holding')
      .select('held')
      .where('user_id', '=', (await t.api('GET', '/api/v1/me', { token: rep })).body.user.id)
      .executeTakeFirst();
    const held = Number(holding?.held ?? 0);
    const rows = Array.from({ length: 102 }, (_, i) => `Self Import Shop ${i} Zq${i * 31},,,grocery,${(1.2 + i * 0.003).toFixed(4)},104.0`);
    const res = await importCsv(rep, [HEADER, ...rows].join('\n'), '?assignTo=self');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 100 - held, merged: 0, rejected: 2 + held });
    expect(res.body.rows[101].reasons[0]).toMatch(/^owner: /);
    const mine = await t.api('GET', `/api/v1/leads/${res.body.rows[0].leadId}`, { token: rep });
    expect(mine.body).toMatchObject({ pool: 'private', phoneMasked: false });
    expect(mine.body.protectedUntil).not.toBeNull();
  });

  it('a file without the required columns answers 400 naming them; a non-CSV body 415', async () => {
    const rep = await as('rep6.sg');
    expectProblem(await importCsv(rep, 'name,lat\nx,1'), 400);
    expect((await t.api('POST', '/api/v1/leads/import', { token: rep, body: { name: 'x' } })).status).toBe(415);
  });

  it('speaks the caller’s coordinate system at the edge: GCJ-02 in China, WGS-84 with ?coords=WGS84', async () => {
    const rep = await as('rep1.cn');
    const gcj = { lat: 31.2304, lng: 121.4737 };
    const created = await t.api('POST', '/api/v1/leads', { token: rep, body: { name: '老王杂货店', category: 'grocery', ...gcj } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ coords: 'GCJ02' });
    expect(created.body.lat).toBeCloseTo(gcj.lat, 6);
    const stored = await leadsDb(t).selectFrom('lead').select(['lat', 'lng']).where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(Math.abs(Number(stored.lng) - gcj.lng)).toBeGreaterThan(0.002);
    const wgs = await t.api('GET', `/api/v1/leads/${created.body.id}?coords=WGS84`, { token: rep });
    expect(wgs.body).toMatchObject({ coords: 'WGS84', lat: Number(stored.lat), lng: Number(stored.lng) });
  });
});
