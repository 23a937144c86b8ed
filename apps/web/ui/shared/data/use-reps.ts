import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Page, User } from './records';

/** The field reps I can see (users holding the rep or agency rep role), for assigning work. */
export function useReps() {
  return useQuery({
    queryKey: ['reps'],
    queryFn: async () => {
      const [users, roles] = await Promise.all([
        api<Page<User>>('GET', '/api/v1/users?limit=200&status=active'),
        api<Page<{ id: string; name: string }>>('GET', '/api/v1/roles?limit=200'),
      ]);
      const field = new Set(roles.items.filter((role) => role.name === 'rep' || role.name === 'agency_rep').map((role) => role.id));
      return users.items.filter((user) => user.roleIds.some((id) => field.has(id)));
    },
    staleTime: 5 * 60_000,
  });
}
