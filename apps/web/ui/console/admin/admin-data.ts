import { useQuery } from '@tanstack/react-query';
import { type Answer, answerOf, rest } from '../../shared/api/client';

export type OrgUnit = Answer<'getOrgUnit'>;

export type Role = Answer<'getRole'>;

export function useOrgUnits() {
  return useQuery({
    queryKey: ['/api/v1/org-units'],
    queryFn: () => answerOf(rest.GET('/api/v1/org-units', { params: { query: { limit: 200 } } })),
  });
}

export function useRoles() {
  return useQuery({
    queryKey: ['/api/v1/roles'],
    queryFn: () => answerOf(rest.GET('/api/v1/roles', { params: { query: { limit: 200 } } })),
  });
}

/** The agencies I can see; none (and no error shown) for a user without `agency:read`. */
export function useAgencies(enabled: boolean) {
  return useQuery({
    queryKey: ['/api/v1/agencies'],
    enabled,
    queryFn: () => answerOf(rest.GET('/api/v1/agencies', { params: { query: { limit: 200 } } })),
  });
}
