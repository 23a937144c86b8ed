import { useQuery } from '@tanstack/react-query';
import { answerOf, rest } from '../../shared/api/client';

/** The visits made at a merchant or lead, as the checkin service lists them in the caller's scope. */
export function useRecordVisits(targetType: 'merchant' | 'lead', targetId: string) {
  return useQuery({
    queryKey: ['visits', targetType, targetId],
    queryFn: () => answerOf(rest.GET('/api/v1/visits', { params: { query: { targetType, targetId, limit: 100 } } })),
  });
}
