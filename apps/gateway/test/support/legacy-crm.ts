import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A shop as the old CRM keeps it: its own field names, coordinates with fewer decimals, seconds-precision times. */
export interface LegacyShop {
  shop_id: string;
  shop_name: string;
  biz_reg_no: string;
  category_code: string;
  latitude: number;
  longitude: number;
  contacts: Array<{ contact_name: string; tel: string | null }>;
  created_ts: string;
}

export interface LegacyCrm {
  url: string;
  token: string;
  shops: Map<string, LegacyShop>;
  /**
   * Shops created or changed through its API, in order, each as it was after the change: what
   * `GET /crm/shops/changes?since=` answers.
   */
  changes: Array<{ sequence: number; operation: 'created' | 'updated'; record: LegacyShop }>;
  /** Requests it answered, by method: shows which system served a mode. */
  served: { GET: number; POST: number; PATCH: number };
  stop(): Promise<void>;
}

/**
 * A small stand-in for the legacy CRM companies move off: `/crm/shops` with its own store and field names, a
 * token of its own, idempotent creates and changes (`Idempotency-Key`: a key seen before answers the shop as it is,
 * changing nothing) and a change feed, as a real one would have. Like a real CRM it records every change made
 * through its API, whoever made it, FieldOps's legacy adapter included. Shops put in `shops` directly are the
 * state before the migration began (the initial bulk copy), not changes.
 */
export async function startLegacyCrm(): Promise<LegacyCrm> {
  const token = `legacy-${randomUUID()}`;
  const shops = new Map<string, LegacyShop>();
  /** Idempotency key → the shop it created or changed. */
  const byIdempotencyKey = new Map<string, string>();
  const served = { GET: 0, POST: 0, PATCH: 0 };
  const changes: LegacyCrm['changes'] = [];

  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: 'bad token' });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://legacy');
      if (req.method === 'GET' && url.pathname === '/crm/shops/changes') {
        const since = Number(url.searchParams.get('since') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 100);
        return send(200, { changes: changes.filter((c) => c.sequence > since).slice(0, limit) });
      }
      const id = /^\/crm\/shops\/([^/]+)$/.exec(url.pathname)?.[1];
      if (req.method === 'GET' && url.pathname === '/crm/shops') {
        served.GET += 1;
        const all = [...shops.values()].sort((a, b) => a.biz_reg_no.localeCompare(b.biz_reg_no));
        return send(200, { shops: all });
      }
      if (req.method === 'GET' && id) {
        served.GET += 1;
        const shop = shops.get(id);
        return shop ? send(200, shop) : send(404, { error: 'no such shop' });
      }
      if (req.method === 'POST' && url.pathname === '/crm/shops') {
        served.POST += 1;
        const key = req.headers['idempotency-key'];
        const again = typeof key === 'string' ? byIdempotencyKey.get(key) : undefined;
        if (again) return send(200, shops.get(again));
        const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Partial<LegacyShop>;
        if (!input.shop_name || !input.biz_reg_no) return send(422, { error: 'shop_name and biz_reg_no are required' });
        const shop: LegacyShop = {
          shop_id: input.shop_id ?? randomUUID(),
          shop_name: input.shop_name,
          biz_reg_no: input.biz_reg_no,
          category_code: input.category_code ?? 'other',
          latitude: Number(input.latitude ?? 0),
          longitude: Number(input.longitude ?? 0),
          contacts: input.contacts ?? [],
          // Kept to the second, as the CRM stores it; an import through the API may bring the original time.
          created_ts: new Date(input.created_ts ?? Date.now()).toISOString().replace(/\.\d+Z$/, 'Z'),
        };
        shops.set(shop.shop_id, shop);
        changes.push({ sequence: changes.length + 1, operation: 'created', record: structuredClone(shop) });
        if (typeof key === 'string') byIdempotencyKey.set(key, shop.shop_id);
        return send(201, shop);
      }
      if (req.method === 'PATCH' && id) {
        served.PATCH += 1;
        const shop = shops.get(id);
        if (!shop) return send(404, { error: 'no such shop' });
        const key = req.headers['idempotency-key'];
        if (typeof key === 'string' && byIdempotencyKey.has(key)) return send(200, shop);
        const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Partial<LegacyShop>;
        if (input.shop_name === '' || input.biz_reg_no === '') return send(422, { error: 'shop_name and biz_reg_no cannot be empty' });
        // Its id and creation time are the CRM's own: a change names only what it changes.
        if (input.shop_name !== undefined) shop.shop_name = input.shop_name;
        if (input.biz_reg_no !== undefined) shop.biz_reg_no = input.biz_reg_no;
        if (input.category_code !== undefined) shop.category_code = input.category_code;
        if (input.latitude !== undefined) shop.latitude = Number(input.latitude);
        if (input.longitude !== undefined) shop.longitude = Number(input.longitude);
        if (input.contacts !== undefined) shop.contacts = input.contacts;
        changes.push({ sequence: changes.length + 1, operation: 'updated', record: structuredClone(shop) });
        if (typeof key === 'string') byIdempotencyKey.set(key, shop.shop_id);
        return send(200, shop);
      }
      return send(404, { error: 'no such route' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    shops,
    changes,
    served,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The merchants route as a company moving off its CRM would write it: the CRM's names → FieldOps's. */
export const merchantsRoute = {
  name: 'merchants',
  prefix: '/api/v1/merchants',
  legacyPrefix: '/crm/shops',
  mode: 'legacy',
  mapping: {
    renames: {
      shops: 'items',
      shop_id: 'id',
      shop_name: 'legalName',
      biz_reg_no: 'businessId',
      category_code: 'category',
      latitude: 'lat',
      longitude: 'lng',
      contact_name: 'name',
      tel: 'phone',
      created_ts: 'createdAt',
    },
    times: ['createdAt'],
    timeToleranceMs: 1000,
    coordinates: ['lat', 'lng'],
    coordinateTolerance: 0.00001,
    matchItemsBy: 'businessId',
  },
};
