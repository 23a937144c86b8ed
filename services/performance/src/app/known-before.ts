import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService, MerchantService } from '@fieldops/contracts';
import type { EventEnvelope } from '@fieldops/platform';
import type { PerformanceContext } from '../config';
import { factRepository } from '../db/fact.repository';
import { merchantRepository } from '../db/merchant.repository';
import { merchantsRetained } from '../metrics/merchants-retained';
import type { Known, Reading } from '../metrics/metric';

const notFound = (error: unknown) => error instanceof ConnectError && error.code === Code.NotFound;

/**
 * What an event needs read before its transaction: the owner of a merchant whose status changed (from the owners
 * this service keeps, else the merchant service when its created event has not come by yet), and when its
 * activation earned the retained-merchant credit, and how long its country keeps that credit open to a clawback.
 */
export async function knownBefore(ctx: PerformanceContext, event: EventEnvelope): Promise<Known> {
  if (event.type !== 'merchant.merchant.status-changed.v1') return {};
  const merchantId = (event.data as { merchantId: string }).merchantId;
  const [earned] = await factRepository.unreversedCredits(ctx.db, merchantsRetained.name, 'merchant', merchantId);
  const activatedAt = earned ? { activatedAt: Number(earned.occurred_at) } : {};
  const owner = await merchantOwner(ctx, merchantId);
  const country = owner.merchant?.country;
  const retention = country ? { retentionDays: ctx.countries.get(country).merchantRetentionDays } : {};
  return { ...activatedAt, ...owner, ...retention };
}

async function merchantOwner(ctx: PerformanceContext, merchantId: string): Promise<Known> {
  const stored = await merchantRepository.owner(ctx.db, merchantId);
  if (stored) return { merchant: stored };
  try {
    const { merchant } = await ctx.rpc.client(MerchantService).getMerchant({ id: merchantId }, await ctx.asService());
    if (!merchant) return {};
    return {
      merchant: {
        ownerId: merchant.ownerId || null,
        orgUnitId: merchant.orgUnitId || null,
        agencyId: merchant.agencyId || null,
        areaId: merchant.areaId || null,
        country: merchant.country,
      },
    };
  } catch (error) {
    if (notFound(error)) return {};
    throw error;
  }
}

/** A reading whose event named no team for the rep gets the rep's team from the account service. */
export async function placed(ctx: PerformanceContext, reading: Reading): Promise<Reading> {
  if (reading.attribution.orgUnitId !== null) return reading;
  try {
    const { user } = await ctx.rpc.client(AccountService).getUser({ id: reading.attribution.userId }, await ctx.asService());
    if (!user) return reading;
    const attribution = {
      ...reading.attribution,
      orgUnitId: user.orgUnitId || null,
      agencyId: user.agencyId ?? reading.attribution.agencyId,
    };
    return { ...reading, attribution };
  } catch (error) {
    if (notFound(error)) return reading;
    throw error;
  }
}
