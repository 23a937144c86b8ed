import { deleteNatsStream } from '@fieldops/platform';
import { distributedEngines, enginesRequired, eventually, isolate, type TestEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMerchantSnapshot, publish, startSearchHost } from './search-host';

// Two search replicas on one JetStream stream; left out (with a notice) where NATS or MariaDB does not answer.
const distributed = await distributedEngines();
const engineSets: TestEngines[] = distributed ? [distributed] : [];

if (!distributed) {
  describe('search replicas', () => {
    it('are left out because MariaDB, NATS or Redis does not answer on this machine (never in CI)', () => {
      expect(enginesRequired).toBe(false);
    });
  });
}

describe.each(engineSets)('search replicas on $name', (engines) => {
  const hosts: TestHost[] = [];
  const shared = isolate(engines);
  afterAll(async () => {
    for (const t of hosts) await t.stop();
    if (shared.stream) await deleteNatsStream(engines.busUrl, shared.stream);
  });

  beforeAll(async () => {
    for (const replica of ['blue', 'green']) {
      hosts.push(await startSearchHost({ ...engines, busUrl: shared.busUrl }, [], { BUS_URL: shared.busUrl, SEARCH_REPLICA: replica }));
    }
  }, 180_000);

  it('each replica with SEARCH_REPLICA builds its own index from every event', async () => {
    const [blue, green] = hosts;
    if (!blue || !green) throw new Error('the replicas did not start');
    const merchants = Array.from({ length: 6 }, (_, i) => aMerchantSnapshot({ brandName: `Replica Rojak ${i}` }));
    for (const m of merchants) await publish(blue, 'merchant.merchant.created.v1', m.id, m);
    for (const t of [blue, green]) {
      const admin = await t.login('admin@fieldops.test');
      await eventually(async () =>
        expect((await t.api('GET', '/api/v1/search?q=replica%20rojak&limit=50', { token: admin })).body.items).toHaveLength(6),
      );
    }
  });
});
