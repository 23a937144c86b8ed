import { MerchantService } from '@fieldops/contracts';
import type { MigrationContext } from '../config';

/** FieldOps's side of the merchants route, read as this service for reconciliation: every merchant, REST-shaped. */
export async function allMerchants(ctx: MigrationContext): Promise<{ items: unknown[] }> {
  const items: unknown[] = [];
  let afterId = '';
  do {
    const page = await ctx.rpc.client(MerchantService).exportMerchants({ afterId, limit: 500 }, await ctx.asService());
    for (const m of page.merchants) {
      items.push({
        id: m.id,
        legalName: m.legalName,
        businessId: m.businessId,
        category: m.category,
        lat: m.lat,
        lng: m.lng,
        contacts: m.contacts.map((c) => ({ name: c.name, role: c.role, phone: c.phone ?? null })),
        country: m.country,
        createdAt: new Date(Number(m.createdAt)).toISOString(),
      });
    }
    afterId = page.nextAfterId;
  } while (afterId);
  return { items };
}
