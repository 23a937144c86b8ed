import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/client';
import type { Page } from '../../shared/data/records';

export interface OrgUnit {
  id: string;
  parentId: string | null;
  kind: 'country' | 'city' | 'team';
  name: string;
  country: string;
}

export interface Role {
  id: string;
  name: string;
  description: string;
  permissions: string[];
  scope: string;
  builtIn: boolean;
}

export function useOrgUnits() {
  return useQuery({ queryKey: ['/api/v1/org-units'], queryFn: () => api<Page<OrgUnit>>('GET', '/api/v1/org-units?limit=200') });
}

export function useRoles() {
  return useQuery({ queryKey: ['/api/v1/roles'], queryFn: () => api<Page<Role>>('GET', '/api/v1/roles?limit=200') });
}
