import { useQuery } from '@tanstack/react-query';
import { type Answer, answerOf, rest } from '../../shared/api/client';
import { WGS84 } from '../../shared/map/coordinates';

export type CampaignTask = Answer<'listCampaignTasks'>['items'][number];

/** My open campaign visit tasks (what the checkin service keeps from the marketing service's task events). */
export function useCampaignTasks() {
  return useQuery({
    queryKey: ['campaign-tasks'],
    queryFn: () => answerOf(rest.GET('/api/v1/plans/campaign-tasks', { params: { query: WGS84 } })),
    networkMode: 'offlineFirst',
    staleTime: 60_000,
  });
}
