import { useMutation, useQueryClient } from '@tanstack/react-query';
import { answerOf, type BodyOf, rest } from '../../shared/api/client';
import type { LeadStage } from '../../shared/data/records';

/** The pool and pipeline moves of the leads screen; each refreshes every lead list when it lands. */
export function useLeadActions() {
  const queries = useQueryClient();
  const refresh = () => queries.invalidateQueries({ queryKey: ['/api/v1/leads'] });
  const options = { onSettled: refresh };
  return {
    claim: useMutation({
      mutationFn: (id: string) => answerOf(rest.POST('/api/v1/leads/{id}/claim', { params: { path: { id } } })),
      ...options,
    }),
    release: useMutation({
      mutationFn: (id: string) => answerOf(rest.POST('/api/v1/leads/{id}/release', { params: { path: { id } } })),
      ...options,
    }),
    assign: useMutation({
      mutationFn: ({ id, repId }: { id: string; repId: string }) =>
        answerOf(rest.POST('/api/v1/leads/{id}/assign', { params: { path: { id } }, body: { repId } })),
      ...options,
    }),
    bulkAssign: useMutation({
      mutationFn: (body: BodyOf<'assignLeads'>) => answerOf(rest.POST('/api/v1/leads/assign', { body })),
      ...options,
    }),
    stage: useMutation({
      mutationFn: ({ id, to }: { id: string; to: LeadStage }) =>
        answerOf(rest.POST('/api/v1/leads/{id}/stage', { params: { path: { id } }, body: { to } })),
      ...options,
    }),
  };
}
