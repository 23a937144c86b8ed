import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client';
import type { Lead, LeadStage } from '../../shared/data/records';

/** The pool and pipeline moves of the leads screen; each refreshes every lead list when it lands. */
export function useLeadActions() {
  const queries = useQueryClient();
  const refresh = () => queries.invalidateQueries({ queryKey: ['/api/v1/leads'] });
  const options = { onSettled: refresh };
  return {
    claim: useMutation({ mutationFn: (id: string) => api<Lead>('POST', `/api/v1/leads/${id}/claim`), ...options }),
    release: useMutation({ mutationFn: (id: string) => api<Lead>('POST', `/api/v1/leads/${id}/release`), ...options }),
    assign: useMutation({
      mutationFn: ({ id, repId }: { id: string; repId: string }) => api<Lead>('POST', `/api/v1/leads/${id}/assign`, { body: { repId } }),
      ...options,
    }),
    bulkAssign: useMutation({
      mutationFn: (body: { leadIds: string[]; strategy: 'area' | 'round-robin' | 'least-loaded'; repIds?: string[] }) =>
        api<{ assigned: number; skipped: number }>('POST', '/api/v1/leads/assign', { body }),
      ...options,
    }),
    stage: useMutation({
      mutationFn: ({ id, to }: { id: string; to: LeadStage }) => api<Lead>('POST', `/api/v1/leads/${id}/stage`, { body: { to } }),
      ...options,
    }),
  };
}
