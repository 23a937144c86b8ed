import { Code, ConnectError, type ConnectRouter } from '@connectrpc/connect';
import { PerformanceService } from '@fieldops/contracts';
import { isCalendarDate } from '@fieldops/countries';
import { rpcAccess, scopeFilter } from '@fieldops/platform';
import type { PerformanceContext } from '../config';
import { PerformancePermission } from '../domain/permissions';

const MAX_MERCHANTS = 1000;

/** Reads other services make of this one, with the caller's token and data scope checked here as in REST. */
export function performanceRpc(router: ConnectRouter, ctx: PerformanceContext): void {
  router.service(PerformanceService, {
    async merchantFigures(request, context) {
      const { scope } = await rpcAccess(context, PerformancePermission.read, ctx.scopes);
      if (request.merchantIds.length > MAX_MERCHANTS) throw new ConnectError(`at most ${MAX_MERCHANTS} merchant ids`, Code.InvalidArgument);
      if (!isCalendarDate(request.from) || !isCalendarDate(request.to))
        throw new ConnectError('from and to are YYYY-MM-DD days', Code.InvalidArgument);
      if (request.merchantIds.length === 0) return { figures: [] };
      // Only merchants the caller's scope reaches (by their owner, team, area, country) answer figures.
      const rows = await ctx.db
        .selectFrom('performance_merchant_day as d')
        .innerJoin('performance_merchant as m', 'm.merchant_id', 'd.merchant_id')
        .select((eb) => [
          'd.merchant_id',
          eb.fn.sum<number>('d.orders').as('orders'),
          eb.fn.sum<number>('d.gmv_minor').as('gmv'),
          eb.fn.countAll<number>().as('days'),
        ])
        .where('d.merchant_id', 'in', request.merchantIds)
        .where('d.day', '>=', request.from)
        .where('d.day', '<=', request.to)
        .where(
          scopeFilter(scope, {
            owner: 'm.owner_id',
            orgUnit: 'm.org_unit_id',
            area: 'm.area_id',
            country: 'm.country',
            agency: 'm.agency_id',
          }),
        )
        .groupBy('d.merchant_id')
        .execute();
      return {
        figures: rows.map((r) => ({ merchantId: r.merchant_id, orders: BigInt(r.orders), gmvMinor: BigInt(r.gmv), days: Number(r.days) })),
      };
    },
  });
}
