import { type Access, ConflictError } from '@fieldops/platform';
import type { TicketsContext } from '../config';
import type { TicketRow } from '../db/ticket.repository';
import { checkOnSiteEvidence, type OnSiteEvidenceInput } from './on-site-evidence';
import { applyTransition } from './transition-ticket';
import { visibleTicket } from './visible-ticket';

export interface CompleteOnSiteInput extends OnSiteEvidenceInput {
  note?: string;
}

/**
 * A field ticket resolved at the merchant: the caller's check-in there, photos and the merchant contact's signature.
 * A visit the anti-fraud signals flagged sends the ticket to review instead of resolving it. The evidence (ids and
 * the visit's verdict) stays in the ticket's history entry.
 */
export async function completeOnSite(
  ctx: TicketsContext,
  access: Access,
  id: string,
  input: CompleteOnSiteInput,
  ifMatch: (current: number) => number,
): Promise<TicketRow> {
  const ticket = await visibleTicket(ctx, access, id);
  const expectedVersion = ifMatch(ticket.version);
  if (ticket.merchant_id === null) {
    const message = 'Only a ticket on a merchant is completed on site.';
    throw new ConflictError(message, [{ field: '/params/id', message }], { code: 'not-on-site' });
  }
  const verdict = await checkOnSiteEvidence(ctx, access, ticket, input);
  return applyTransition(
    ctx,
    access,
    ticket,
    { to: verdict.outcome === 'verified' ? 'resolved' : 'review', reason: input.note },
    expectedVersion,
    {
      command: 'on-site',
      kind: 'completed-on-site',
      changes: { on_site_visit_id: input.visitId },
      detail: {
        visitId: input.visitId,
        photoIds: input.photoIds,
        signatureFileId: input.signatureFileId,
        visit: verdict,
      },
    },
  );
}
