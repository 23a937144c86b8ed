import { Code, ConnectError } from '@connectrpc/connect';
import { MarketingService } from '@fieldops/contracts';
import { asCaller, ConfigError } from '@fieldops/platform';
import type { ResolverContext } from './bff-context';

const ENROLLMENTS = 20;
const iso = (ms: bigint | undefined) => (ms === undefined ? null : new Date(Number(ms)).toISOString());

/**
 * The campaigns a merchant is in, newest first, as far as the caller's scope reaches (the marketing service
 * decides); each named when the caller may read the campaign itself (a rep sees their merchant's answer, not the
 * campaign). An installation without the marketing service has no campaigns to show.
 */
export async function campaignsOf(merchantId: string, ctx: ResolverContext) {
  let client: ReturnType<typeof ctx.rpc.client<typeof MarketingService>>;
  try {
    client = ctx.rpc.client(MarketingService);
  } catch (error) {
    if (error instanceof ConfigError) return [];
    throw error;
  }
  const as = { ...asCaller(ctx.token), timeoutMs: 5000 };
  const { enrollments } = await client.listEnrollmentsForMerchant({ merchantId, limit: ENROLLMENTS }, as);
  const names = new Map<string, string | null>();
  await Promise.all(
    [...new Set(enrollments.map((e) => e.campaignId))].map(async (id) => {
      const answer = await client.getCampaign({ id }, as).catch((error: unknown) => {
        if (error instanceof ConnectError && (error.code === Code.NotFound || error.code === Code.PermissionDenied)) return undefined;
        throw error;
      });
      names.set(id, answer?.campaign?.name ?? null);
    }),
  );
  return enrollments.map((e) => ({
    campaignId: e.campaignId,
    name: names.get(e.campaignId) ?? null,
    state: e.state,
    channel: e.channel ?? null,
    invitedAt: iso(e.invitedAt),
    decidedAt: iso(e.decidedAt),
  }));
}
