import { Code, ConnectError } from '@connectrpc/connect';
import { MerchantService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMerchant, startMerchantHost } from './merchant-fixtures';

const engines = await databaseEngines();

async function failureOf(call: Promise<unknown>): Promise<Code | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return ConnectError.from(error).code;
  }
}

describe.each(engines)('merchant RPC on $name', (database) => {
  let t: TestHost;
  let rep: string;
  let other: string;
  let ids: string[];
  const merchants = () => t.host.runtime.rpc.client(MerchantService);
  beforeAll(async () => {
    t = await startMerchantHost(database);
    rep = await t.login('rep1.sg@fieldops.test');
    other = await t.login('rep6.sg@fieldops.test');
    ids = [];
    // 0 m, ~111 m and ~1.1 km north of the point.
    for (const dLat of [0, 0.001, 0.01]) {
      ids.push((await t.api('POST', '/api/v1/merchants', { token: rep, body: aMerchant({ lat: 1.29 + dLat, lng: 103.85 }) })).body.id);
    }
  });
  afterAll(async () => t?.stop());

  it('GetMerchant answers a merchant in scope, NOT_FOUND outside it', async () => {
    const id = ids[0] ?? '';
    const { merchant } = await merchants().getMerchant({ id }, asCaller(rep));
    expect(merchant).toMatchObject({ id, country: 'SG', status: 'onboarding', tier: 'B', version: 1n });
    expect(merchant?.contacts[0]?.phone).toBe('+6591234567');
    expect(await failureOf(merchants().getMerchant({ id }, asCaller(other)))).toBe(Code.NotFound);
  });

  it('BatchGetMerchants leaves out what is missing or out of scope', async () => {
    const { merchants: found } = await merchants().batchGetMerchants({ ids: [...ids, 'nope'] }, asCaller(rep));
    expect(found.map((m) => m.id).sort()).toEqual([...ids].sort());
    expect((await merchants().batchGetMerchants({ ids }, asCaller(other))).merchants).toEqual([]);
  });

  it('Nearby answers merchants within the radius, nearest first, with distances', async () => {
    const { items } = await merchants().nearby({ lat: 1.29, lng: 103.85, radiusM: 500, limit: 10 }, asCaller(rep));
    expect(items.map((i) => i.merchant?.id)).toEqual(ids.slice(0, 2));
    expect(items[1]?.distanceM).toBeGreaterThan(100);
    expect(items[1]?.distanceM).toBeLessThan(120);
    const one = await merchants().nearby({ lat: 1.29, lng: 103.85, radiusM: 5000, limit: 1 }, asCaller(rep));
    expect(one.items).toHaveLength(1);
    expect((await merchants().nearby({ lat: 1.29, lng: 103.85, radiusM: 5000 }, asCaller(other))).items).toEqual([]);
    expect(await failureOf(merchants().nearby({ lat: 1.29, lng: 103.85, radiusM: 5000, limit: 201 }, asCaller(rep)))).toBe(
      Code.InvalidArgument,
    );
  });

  it("Nearby with a country keeps that country's merchants; a country outside the caller's scope finds none", async () => {
    const near = (token: string, country: string) =>
      merchants().nearby({ lat: 1.29, lng: 103.85, radiusM: 5000, country }, asCaller(token));
    expect((await near(rep, 'SG')).items.map((i) => i.merchant?.id)).toEqual(expect.arrayContaining(ids));
    expect((await near(rep, 'BR')).items).toEqual([]);
    // The administrator sees every country: the filter alone narrows what they get.
    const admin = await t.login('admin@fieldops.test');
    expect((await near(admin, 'SG')).items.map((i) => i.merchant?.id)).toEqual(expect.arrayContaining(ids));
    expect((await near(admin, 'BR')).items).toEqual([]);
    expect(await failureOf(near(rep, 'sg'))).toBe(Code.InvalidArgument);
  });
});
