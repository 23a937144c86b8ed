import { useQuery } from '@tanstack/react-query';
import { answerOf, rest } from '../api/client';

/** The field reps I can see (users holding the rep or agency rep role), for assigning work. */
export function useReps() {
  return useQuery({
    queryKey: ['reps'],
    queryFn: async () => {
      const [users, roles] = await Promise.all([
        answerOf(rest.GET('/api/v1/users', { params: { query: { limit: 200, status: 'active' } } })),
        answerOf(rest.GET('/api/v1/roles', { params: { query: { limit: 200 } } })),
      ]);
      const field = new Set(roles.items.filter((role) => role.name === 'rep' || role.name === 'agency_rep').map((role) => role.id));
      return users.items.filter((user) => user.roleIds.some((id) => field.has(id)));
    },
    staleTime: 5 * 60_000,
  });
}
