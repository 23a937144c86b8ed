import { useQuery } from '@tanstack/react-query';
import { answerOf, rest } from '../api/client';

/** One visit by id; outside the caller's scope the API answers 404 and the page says "not found". */
export function useVisit(id: string) {
  return useQuery({
    queryKey: ['visit', id],
    queryFn: () => answerOf(rest.GET('/api/v1/visits/{id}', { params: { path: { id } } })),
    retry: false,
  });
}
