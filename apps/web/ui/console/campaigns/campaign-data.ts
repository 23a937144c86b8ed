import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Answer, answerOf, type BodyOf, rest } from '../../shared/api/client';
import { usePagedList } from '../../shared/data/use-pages';

/** The campaign records the console shows, typed from the API's OpenAPI document. */
export type Campaign = Answer<'getCampaign'>;
export type CampaignResults = Answer<'getCampaignResults'>;
export type SegmentFilters = BodyOf<'previewSegment'>['filters'];
export type SegmentPreview = Answer<'previewSegment'>;
export type Member = Answer<'listCampaignMembers'>['items'][number];
export type FunnelStep = 'segment' | 'held-out' | 'treated' | 'invited' | 'visited' | 'accepted' | 'declined' | 'expired';
export type UpliftGroup = NonNullable<CampaignResults['uplift']>['byArea'][number];
export type UpliftOf = NonNullable<CampaignResults['uplift']>['orders'];

/** The funnel steps in the order a campaign moves merchants through them. */
export const FUNNEL_STEPS = ['segment', 'held-out', 'invited', 'visited', 'accepted', 'declined'] as const;

export const CAMPAIGN_TYPES = ['subsidy', 'onboarding', 'content', 'festival'] as const satisfies readonly Campaign['type'][];

export const campaignKey = (id: string) => ['campaign', id] as const;

export function useCampaign(id: string) {
  return useQuery({
    queryKey: campaignKey(id),
    queryFn: () => answerOf(rest.GET('/api/v1/campaigns/{id}', { params: { path: { id } } })),
  });
}

export function useCampaignResults(id: string, launched: boolean) {
  return useQuery({
    queryKey: ['campaign-results', id],
    queryFn: () => answerOf(rest.GET('/api/v1/campaigns/{id}/results', { params: { path: { id } } })),
    enabled: launched,
    refetchInterval: 30_000,
  });
}

function membersPage(id: string, step: FunnelStep, cursor?: string) {
  return answerOf(
    rest.GET('/api/v1/campaigns/{id}/members', { params: { path: { id }, query: { step, limit: 50, ...(cursor ? { cursor } : {}) } } }),
  );
}

/** The merchants behind one funnel step, page by page. */
export function useMembers(id: string, step: FunnelStep, enabled = true) {
  return usePagedList(['campaign-members', id, step, enabled], (cursor) =>
    enabled ? membersPage(id, step, cursor) : Promise.resolve({ items: [], nextCursor: null }),
  );
}

/** Every member of a launched campaign, for the map (a segment of a few thousand at most is drawn whole). */
export function useAllMembers(id: string, launched: boolean) {
  return useQuery({
    queryKey: ['campaign-members-all', id],
    enabled: launched,
    queryFn: async () => {
      const all: Member[] = [];
      let cursor: string | undefined;
      do {
        const page = await answerOf(
          rest.GET('/api/v1/campaigns/{id}/members', { params: { path: { id }, query: { limit: 200, ...(cursor ? { cursor } : {}) } } }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && all.length < 5000);
      return all;
    },
  });
}

/** The number of fraction digits a currency's minor units have (JPY 0, SGD 2). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Money in minor units, shown in the interface language and the campaign's currency (compact for a chart's labels). */
export function useMoney(currency: string | undefined, compact = false) {
  const { i18n } = useTranslation();
  return (minor: number) => {
    if (!currency) return String(minor);
    const digits = minorDigits(currency);
    const options: Intl.NumberFormatOptions = compact
      ? { style: 'currency', currency, notation: 'compact' }
      : { style: 'currency', currency };
    return new Intl.NumberFormat(i18n.language, options).format(minor / 10 ** digits);
  };
}
