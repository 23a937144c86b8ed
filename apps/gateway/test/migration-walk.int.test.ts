import fs from 'node:fs';
import type { MerchantDb } from '@fieldops/merchant';
import { type MigrationDb, migrationTasks } from '@fieldops/migration';
import { eventually, serviceDb, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LegacyCrm, LegacyShop } from './support/legacy-crm';
import { startMigrationSystem } from './support/migration-system';

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as the test host's ApiResponse does.
type Json = Record<string, any>;

const MERCHANTS = 5;

describe('moving the merchants route off a legacy CRM, mode by mode, under load', () => {
  let legacy: LegacyCrm;
  let t: TestHost;
  let routesFile: string;
  let admin: string;
  let rep: string;
  const ids: string[] = [];
  const fieldops = new Map<string, Json>();

  const setMode = async (mode: string) => {
    const res = await t.api('PUT', '/api/v1/migration/routes/merchants', { token: admin, body: { mode } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.mode).toBe(mode);
  };
  const reconcile = async () => {
    const res = await t.api('POST', '/api/v1/migration/routes/merchants/reconcile', { token: admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Json;
  };
  const merchantByBusinessId = (businessId: string) =>
    serviceDb<MerchantDb>(t, 'merchant').selectFrom('merchant').selectAll().where('business_id', '=', businessId).executeTakeFirst();
  const report = async () => (await t.api('GET', '/api/v1/migration/diffs?limit=200', { token: admin })).body as Json;
  const compared = async () => {
    const route = (await report()).routes.find((r: Json) => r.name === 'merchants');
    return route.compared as { match: number; mismatch: number; error: number };
  };
  /** A light concurrent load of reads: the list and every merchant, `rounds` times, all at once. */
  const readLoad = async (rounds: number) => {
    const paths = Array.from({ length: rounds }, () => ['/api/v1/merchants', ...ids.map((id) => `/api/v1/merchants/${id}`)]).flat();
    const answers = await Promise.all(paths.map((p) => t.api('GET', p, { token: admin })));
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answers;
  };

  beforeAll(async () => {
    ({ legacy, t, routesFile, admin, rep } = await startMigrationSystem());

    // The state before the move: the same merchants in both systems (the CRM's import kept FieldOps's ids), as
    // each system stores them: the CRM rounds coordinates to 6 decimals and times to the second.
    for (let n = 0; n < MERCHANTS; n++) {
      const body = {
        legalName: `Walk Kopitiam ${n} Pte Ltd`,
        category: 'cafe',
        contacts: [{ name: `Owner ${n}`, role: 'owner', phone: '9123 4567' }],
        lat: 1.2903 + n / 1000 + 0.0000004,
        lng: 103.8519,
        businessId: `20191234${n}K`,
      };
      const created = await t.api('POST', '/api/v1/merchants', { token: rep, body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids.push(created.body.id);
      fieldops.set(created.body.id, created.body);
      const m = created.body as Json;
      const shop: LegacyShop = {
        shop_id: m.id,
        shop_name: m.legalName,
        biz_reg_no: m.businessId,
        category_code: m.category,
        latitude: Number(m.lat.toFixed(6)),
        longitude: Number(m.lng.toFixed(6)),
        contacts: m.contacts.map((c: Json) => ({ contact_name: c.name, tel: c.phone })),
        created_ts: new Date(Math.floor(Date.parse(m.createdAt) / 1000) * 1000).toISOString(),
      };
      legacy.shops.set(shop.shop_id, shop);
    }
    // Planted differences the report must find: a name the CRM never updated, a phone typed differently.
    const renamed = legacy.shops.get(ids[1] ?? '');
    const rephoned = legacy.shops.get(ids[2] ?? '');
    if (!renamed || !rephoned) throw new Error('seed failed');
    renamed.shop_name = 'Old Name Trading';
    rephoned.contacts = [{ contact_name: 'Owner 2', tel: '+6598765432' }];
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
    await legacy?.stop();
  });

  it('legacy: the CRM serves reads and takes writes, in FieldOps field names; nothing is compared', async () => {
    await setMode('legacy');
    const before = { ...legacy.served };
    const answers = await readLoad(2);
    expect(legacy.served.GET - before.GET).toBe(answers.length);
    const one = (await t.api('GET', `/api/v1/merchants/${ids[1]}`, { token: admin })).body;
    expect(one.legalName).toBe('Old Name Trading');
    expect(one.businessId).toBe(`201912341K`);

    const write = await t.api('POST', '/api/v1/merchants', {
      token: rep,
      headers: { 'idempotency-key': 'walk-legacy-1' },
      body: { legalName: 'Only In The CRM Ltd', businessId: '201912349K', category: 'cafe', lat: 1.3, lng: 103.8 },
    });
    expect(write.status).toBe(201);
    expect(write.body.legalName).toBe('Only In The CRM Ltd');
    expect([...legacy.shops.values()].map((s) => s.shop_name)).toContain('Only In The CRM Ltd');
    expect(await compared()).toEqual({ match: 0, mismatch: 0, error: 0 });
    // Not fed to FieldOps yet: reconciliation reports it as drift.
    expect((await reconcile()).onlyLegacy).toEqual(['201912349K']);
    expect(await merchantByBusinessId('201912349K')).toBeUndefined();
  });

  it('shadow: the CRM still serves; every read is compared and the planted differences are reported', async () => {
    await setMode('shadow');
    const answers = await readLoad(3);
    // Served by the CRM: its name for the planted merchant.
    expect(answers.find((a) => a.body.id === ids[1])?.body.legalName).toBe('Old Name Trading');
    // None lost: every read of the load ends up compared.
    await eventually(async () => {
      const counts = await compared();
      expect(counts.match + counts.mismatch + counts.error).toBe(answers.length);
    });
    const counts = await compared();
    expect(counts.error).toBe(0);
    // Three rounds: the list (always different) and two planted merchants differ; three merchants match.
    expect(counts).toEqual({ match: 3 * 3, mismatch: 3 * 3, error: 0 });

    const diffs = (await report()).items as Json[];
    const paths = new Set(diffs.flatMap((d) => d.differences.map((x: Json) => `${d.path} ${x.path}`)));
    expect(paths).toEqual(
      new Set([
        `/api/v1/merchants/${ids[1]} /legalName`,
        `/api/v1/merchants/${ids[2]} /contacts/0/phone`,
        `/api/v1/merchants /items/businessId=201912341K/legalName`,
        `/api/v1/merchants /items/businessId=201912342K/contacts/0/phone`,
        `/api/v1/merchants /items/businessId=201912349K`,
      ]),
    );
    // Rounded coordinates and times within the tolerances are not differences; phone numbers are masked.
    const text = JSON.stringify(diffs);
    expect(text).not.toContain('98765432');
    expect(text).not.toMatch(/91234567/);
    const phone = diffs.find((d) => d.path === `/api/v1/merchants/${ids[2]}`)?.differences[0];
    expect(phone).toEqual({ path: '/contacts/0/phone', legacy: '••••••••32', fieldops: expect.stringMatching(/^•+67$/) });
    // Kept in the migration service's database, at most 50 per route, masked as stored.
    const stored = await serviceDb<MigrationDb>(t, 'migration').selectFrom('migration_diff_sample').selectAll().execute();
    expect(stored).toHaveLength(9);
    expect(JSON.stringify(stored)).not.toContain('98765432');
  });

  it('shadow: the CRM takes the writes, and the import adapter brings them to FieldOps once', async () => {
    const run = () => t.host.runTask(migrationTasks.importLegacyChanges, {});
    expect(await run()).toEqual({ imported: 1 });
    await eventually(async () => expect(await merchantByBusinessId('201912349K')).toBeDefined());
    const imported = await merchantByBusinessId('201912349K');
    expect(imported).toMatchObject({ legal_name: 'Only In The CRM Ltd', country: 'SG' });
    // The id both systems share, and the CRM's creation time.
    const shop = [...legacy.shops.values()].find((s) => s.biz_reg_no === '201912349K');
    expect(imported?.id).toBe(shop?.shop_id);
    // Run again: the feed's cursor has moved past it, and nothing is imported twice.
    expect(await run()).toEqual({ imported: 0 });
    expect((await reconcile()).onlyLegacy).toEqual([]);
  });

  it('primary-new: FieldOps serves reads and takes writes; the CRM is read in the shadow', async () => {
    await setMode('primary-new');
    const start = await compared();
    const crmWrites = legacy.served.POST;
    const answers = await readLoad(2);
    expect(answers.find((a) => a.body.id === ids[1])?.body.legalName).toBe(fieldops.get(ids[1] ?? '')?.legalName);
    // FieldOps's own headers come along: a client can still update with If-Match.
    expect(answers.find((a) => a.body.id === ids[1])?.headers.get('etag')).toBe('"1"');
    await eventually(async () => {
      const counts = await compared();
      expect(counts.match + counts.mismatch + counts.error - (start.match + start.mismatch + start.error)).toBe(answers.length);
    });
    const write = await t.api('POST', '/api/v1/merchants', {
      token: rep,
      body: { legalName: 'Born In FieldOps Ltd', businessId: '201912348K', category: 'cafe', lat: 1.31, lng: 103.8 },
    });
    expect(write.status).toBe(201);
    expect(write.body.version).toBe(1);
    // Served by FieldOps; the legacy adapter then creates it in the CRM, once, under the same id.
    await eventually(async () => expect(legacy.shops.get(write.body.id)?.shop_name).toBe('Born In FieldOps Ltd'));
    expect(legacy.served.POST).toBe(crmWrites + 1);
    expect([...legacy.shops.values()].filter((s) => s.biz_reg_no === '201912348K')).toHaveLength(1);
  });

  it('new: FieldOps alone; nothing more reaches the CRM or the report', async () => {
    await setMode('new');
    const before = { served: { ...legacy.served }, counts: await compared() };
    await readLoad(2);
    expect(legacy.served).toEqual(before.served);
    expect(await compared()).toEqual(before.counts);
  });

  it('reconciliation finds only the planted drift: each write reached the side that did not serve it', async () => {
    expect((await t.api('POST', '/api/v1/migration/routes/merchants/reconcile', { token: rep })).status).toBe(403);
    const body = await reconcile();
    expect(body).toMatchObject({
      route: 'merchants',
      legacyItems: MERCHANTS + 2,
      fieldopsItems: MERCHANTS + 2,
      onlyLegacy: [],
      onlyFieldOps: [],
      drift: 2,
    });
    expect(body.differing.map((d: Json) => [d.key, d.differences.map((x: Json) => x.path)])).toEqual([
      ['201912341K', ['/legalName']],
      ['201912342K', ['/contacts/0/phone']],
    ]);
    const metrics = await t.api('GET', '/metrics');
    expect(String(metrics.body)).toMatch(/fieldops_migration_drift\{route="merchants"\} 2/);
    const listed = await t.api('GET', '/api/v1/migration/drift', { token: admin });
    expect(listed.body.items).toEqual([expect.objectContaining({ route: 'merchants', drift: 2 })]);
  });

  it('every switch is an audit event with who made it, and the counts are metrics', async () => {
    const adminId = (await t.api('GET', '/api/v1/me', { token: admin })).body.user.id;
    const switches = await serviceDb<MigrationDb>(t, 'migration')
      .selectFrom('outbox')
      .select('envelope')
      .where('type', '=', 'migration.route.mode-changed.v1')
      .orderBy('seq')
      .execute();
    const data = switches.map((row) => JSON.parse(row.envelope).data as Json);
    expect(data.map((d) => `${d.from}>${d.to}`)).toEqual(['new>legacy', 'legacy>shadow', 'shadow>primary-new', 'primary-new>new']);
    expect(data.every((d) => d.route === 'merchants' && d.by === adminId)).toBe(true);
    const metrics = await t.api('GET', '/metrics');
    expect(String(metrics.body)).toMatch(/fieldops_migration_compare_total\{route="merchants",result="mismatch"\} 15/);
  });

  it('a mode changed by editing the file takes effect without a restart, and is recorded as a switch by the file', async () => {
    const file = JSON.parse(fs.readFileSync(routesFile, 'utf8'));
    fs.writeFileSync(routesFile, JSON.stringify({ routes: [{ ...file.routes[0], mode: 'legacy' }] }));
    await eventually(async () => {
      const one = await t.api('GET', `/api/v1/merchants/${ids[1]}`, { token: admin });
      expect(one.body.legalName).toBe('Old Name Trading');
    });
    const routes = (await t.api('GET', '/api/v1/migration/routes', { token: admin })).body;
    expect(routes.items[0]).toMatchObject({ name: 'merchants', mode: 'legacy', changedBy: 'file' });
    const last = await serviceDb<MigrationDb>(t, 'migration')
      .selectFrom('outbox')
      .select('envelope')
      .where('type', '=', 'migration.route.mode-changed.v1')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(last.envelope).data).toMatchObject({ from: 'new', to: 'legacy', by: 'file' });
  });

  it('only admins see the report or switch a route; a bad mode or route names the field', async () => {
    expect((await t.api('GET', '/api/v1/migration/diffs')).status).toBe(401);
    const asRep = await t.api('GET', '/api/v1/migration/diffs', { token: rep });
    expect(asRep.status).toBe(403);
    expect(asRep.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.api('PUT', '/api/v1/migration/routes/merchants', { token: rep, body: { mode: 'new' } })).status).toBe(403);
    const bad = await t.api('PUT', '/api/v1/migration/routes/merchants', { token: admin, body: { mode: 'both' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: '/body/mode', message: expect.any(String) }]);
    expect((await t.api('PUT', '/api/v1/migration/routes/nope', { token: admin, body: { mode: 'new' } })).status).toBe(404);
    const badLimit = await t.api('GET', '/api/v1/migration/diffs?limit=0', { token: admin });
    expect(badLimit.body.errors).toEqual([{ field: '/querystring/limit', message: expect.any(String) }]);
  });
});
