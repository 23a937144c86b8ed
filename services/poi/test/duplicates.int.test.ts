import { destinationPoint } from '@fieldops/geo';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPlace, expectProblem, startPoiHost } from './poi-fixtures';

const engines = await databaseEngines();

interface Candidate {
  place: { id: string; name: string };
  score: number;
  reasons: string[];
  distance: number;
}

describe.each(engines)('duplicate places on $name', (database) => {
  let t: TestHost;
  let cn: string;
  let br: string;
  const ids: Record<string, string> = {};
  const peoplesSquare = { lat: 31.23136, lng: 121.47004 };
  const paulista = { lat: -23.5614, lng: -46.6559 };

  beforeAll(async () => {
    t = await startPoiHost(database);
    cn = await t.login('rep1.cn@fieldops.test');
    br = await t.login('rep1.br@fieldops.test');
    const create = async (token: string, key: string, body: Record<string, unknown>) => {
      const res = await t.api('POST', '/api/v1/places?coords=WGS84', { token, body: aPlace(body) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[key] = res.body.id;
    };
    await create(cn, 'starbucks', { name: '星巴克（人民广场店）', category: 'cafe', phone: '021 6358 1234', ...peoplesSquare });
    await create(cn, 'luckin', { name: '瑞幸咖啡', category: 'cafe', ...destinationPoint(peoplesSquare, 20, 90) });
    await create(cn, 'farStarbucks', { name: '星巴克（徐家汇店）', category: 'cafe', ...destinationPoint(peoplesSquare, 5000, 200) });
    await create(cn, 'kfc', { name: 'ＫＦＣ', category: 'restaurant', ...destinationPoint(peoplesSquare, 120, 0) });
    await create(br, 'padaria', { name: 'Padaria São João Filial 2', category: 'bakery', phone: '(11) 3285-1234', ...paulista });
    await create(br, 'drogaria', { name: 'Drogaria Popular', category: 'pharmacy', ...destinationPoint(paulista, 15, 45) });
  });
  afterAll(async () => t?.stop());

  const ask = async (token: string, body: Record<string, unknown>): Promise<Candidate[]> => {
    const res = await t.api('POST', '/api/v1/places/duplicates?coords=WGS84', { token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.candidates;
  };

  it('finds a Chinese place written another way, with the reasons', async () => {
    const candidates = await ask(cn, { name: '星巴克 人民广场', ...destinationPoint(peoplesSquare, 35, 10) });
    expect(candidates[0]?.place.id).toBe(ids.starbucks);
    expect(candidates[0]?.reasons).toEqual(['name', 'distance 35 m']);
    expect(candidates[0]?.score).toBeGreaterThan(0.7);
    // A neighbour of another name is no duplicate; the same brand 5 km away has no reason but its name.
    expect(candidates.map((c) => c.place.id)).not.toContain(ids.luckin);
  });

  it('finds full-width letters as the same name', async () => {
    const [first] = await ask(cn, { name: 'KFC', ...destinationPoint(peoplesSquare, 110, 0) });
    expect(first?.place.id).toBe(ids.kfc);
    expect(first?.reasons[0]).toBe('name');
  });

  it('finds a place by the same phone, however far and whatever its name', async () => {
    const candidates = await ask(cn, { name: '老王面馆', phone: '+86 21 6358 1234', lat: 31.3, lng: 121.5 });
    const match = candidates.find((c) => c.place.id === ids.starbucks);
    expect(match?.reasons).toEqual(['phone']);
    expect(match?.distance).toBeGreaterThan(5000);
  });

  it('finds a Latin place without accents or its branch words, and ranks the phone match first', async () => {
    const candidates = await ask(br, { name: 'Padaria Sao Joao', phone: '+55 11 3285-1234', ...destinationPoint(paulista, 10, 180) });
    expect(candidates[0]?.place.id).toBe(ids.padaria);
    expect(candidates[0]?.reasons).toEqual(['name', 'phone', 'distance 10 m']);
    expect(candidates[0]?.score).toBe(1);
    expect(candidates.map((c) => c.place.id)).not.toContain(ids.drogaria);
  });

  it('looks only in the caller’s country', async () => {
    const candidates = await ask(br, { name: '星巴克（人民广场店）', ...peoplesSquare });
    expect(candidates).toEqual([]);
  });

  it('refuses a phone that is no number of the caller’s country', async () => {
    expectProblem(
      await t.api('POST', '/api/v1/places/duplicates', { token: br, body: { name: 'X', phone: '123', lat: 0, lng: 0 } }),
      400,
      '/body/phone',
    );
  });
});
