import { Code, ConnectError } from '@connectrpc/connect';
import { MerchantService } from '@fieldops/contracts';
import { isCalendarDate, localDateTime, localDayBounds } from '@fieldops/countries';
import { type Access, asCaller, forUpdate, UnprocessableError, upsert, ValidationError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { PerformanceContext } from '../config';
import { factRepository } from '../db/fact.repository';
import { periodKeysOf } from '../domain/period';

export interface MerchantFiguresBody {
  merchantId: string;
  /** The merchant's local day, YYYY-MM-DD. */
  date: string;
  orders: number;
  /** Gross merchandise value in minor units of `currency`. */
  gmvMinor: number;
  currency: string;
}

/** The merchant as the caller may see it (the merchant service answers with the caller's token), else 422. */
async function merchantOf(ctx: PerformanceContext, access: Access, id: string) {
  try {
    const { merchant } = await ctx.rpc.client(MerchantService).getMerchant({ id }, asCaller(access.caller.token));
    if (merchant) return merchant;
  } catch (error) {
    if (!(error instanceof ConnectError && (error.code === Code.NotFound || error.code === Code.InvalidArgument))) throw error;
  }
  throw new UnprocessableError('There is no such merchant in your scope.', [
    { field: '/body/merchantId', message: 'is not a merchant you can see' },
  ]);
}

/** The merchant a day's figures are for, checked as the caller may send them; each refusal names its field. */
export async function checkMerchantFigures(ctx: PerformanceContext, access: Access, body: MerchantFiguresBody) {
  if (!isCalendarDate(body.date)) throw new ValidationError([{ field: '/body/date', message: 'is not a YYYY-MM-DD date' }]);
  const merchant = await merchantOf(ctx, access, body.merchantId);
  const policy = ctx.countries.get(merchant.country);
  if (body.currency !== policy.currency) {
    throw new UnprocessableError('Figures are in the merchant country’s currency.', [
      { field: '/body/currency', message: `must be ${policy.currency}` },
    ]);
  }
  if (body.date > localDateTime(ctx.clock.now(), policy.timezone).date) {
    throw new UnprocessableError('A day still to come has no figures.', [{ field: '/body/date', message: 'is in the future' }]);
  }
  return { merchant, timezone: policy.timezone };
}

export type CheckedMerchant = Awaited<ReturnType<typeof checkMerchantFigures>>;

/**
 * Writes a checked merchant's day, replacing what was there: the owner's credit changes by the difference, written
 * as new facts in that day's periods. Answers whether anything changed (false when the day already held these figures).
 */
export async function writeMerchantDay(ctx: PerformanceContext, checked: CheckedMerchant, body: MerchantFiguresBody): Promise<boolean> {
  const { merchant, timezone } = checked;
  const now = ctx.clock.now();
  const ownerId = merchant.ownerId || null;
  return ctx.transact(
    async (trx) => {
      const query = trx
        .selectFrom('performance_merchant_day')
        .selectAll()
        .where('merchant_id', '=', merchant.id)
        .where('day', '=', body.date);
      const before = await forUpdate(query, ctx.dialect).executeTakeFirst();
      if (
        before &&
        Number(before.orders) === body.orders &&
        Number(before.gmv_minor) === body.gmvMinor &&
        before.currency === body.currency
      ) {
        return false;
      }
      const day = { orders: body.orders, gmv_minor: body.gmvMinor, currency: body.currency, updated_at: now };
      await upsert(
        trx,
        ctx.dialect,
        'performance_merchant_day',
        { merchant_id: merchant.id, day: body.date, ...day },
        ['merchant_id', 'day'],
        day,
      );
      if (ownerId === null) return true;
      const differences: [string, number][] = [
        ['merchant-orders', body.orders - Number(before?.orders ?? 0)],
        ['merchant-gmv', body.gmvMinor - Number(before?.gmv_minor ?? 0)],
      ];
      for (const [metric, credit] of differences) {
        if (credit === 0) continue;
        await factRepository.insert(trx, {
          id: uuidv7(),
          metric,
          user_id: ownerId,
          org_unit_id: merchant.orgUnitId || null,
          agency_id: merchant.agencyId || null,
          area_id: merchant.areaId || null,
          country: merchant.country,
          occurred_at: localDayBounds(body.date, timezone).from,
          ...periodKeysOf(body.date),
          source_type: 'merchant',
          source_id: merchant.id,
          source_event_id: uuidv7(),
          credit,
          reverses: null,
          recorded_at: now,
        });
      }
      return true;
    },
    { retryLockConflicts: true },
  );
}

/**
 * Records a merchant's orders and GMV for one local day, as the O2O platform sends them. Sending a day again
 * replaces its figures (see `writeMerchantDay`).
 */
export async function recordMerchantFigures(
  ctx: PerformanceContext,
  access: Access,
  body: MerchantFiguresBody,
): Promise<MerchantFiguresBody> {
  const checked = await checkMerchantFigures(ctx, access, body);
  await writeMerchantDay(ctx, checked, body);
  const { merchant } = checked;
  return { merchantId: merchant.id, date: body.date, orders: body.orders, gmvMinor: body.gmvMinor, currency: body.currency };
}
