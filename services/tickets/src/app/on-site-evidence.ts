import { Code, ConnectError } from '@connectrpc/connect';
import { CheckinService, FileService, type Visit } from '@fieldops/contracts';
import {
  type Access,
  asCaller,
  type FieldProblem,
  isServiceUnreachable,
  ServiceUnavailableError,
  UnprocessableError,
} from '@fieldops/platform';
import type { TicketsContext } from '../config';
import type { TicketRow } from '../db/ticket.repository';
import { readAs } from './references';

/** What the rep brings back from the merchant: the check-in, the photos and the merchant contact's signature. */
export interface OnSiteEvidenceInput {
  visitId: string;
  photoIds: string[];
  signatureFileId: string;
}

/** The visit's anti-fraud verdict as the ticket sees it: verified resolves, flagged sends the ticket to review. */
export interface VisitVerdict {
  outcome: 'verified' | 'flagged';
  /** The checkin service's word (open, verified, pending-review, approved, rejected) and score, kept as evidence. */
  verification: string;
  riskScore: number;
  signals: string[];
}

const IMAGE = /^image\//;

/**
 * The visit's verdict: once checked out the checkin service has decided (verified or approved count, pending-review
 * or rejected do not); a visit still open is judged by the signals of its check-in against the country's review
 * threshold, the same rule the checkin service applies at check-out.
 */
export function verdictOf(
  visit: { verification: string; riskScore: number; riskSignals: readonly { code: string }[] },
  reviewThreshold: number,
): VisitVerdict {
  const signals = visit.riskSignals.map((s) => s.code);
  const base = { verification: visit.verification, riskScore: visit.riskScore, signals };
  if (visit.verification === 'verified' || visit.verification === 'approved') return { ...base, outcome: 'verified' };
  if (visit.verification === 'open') return { ...base, outcome: visit.riskScore >= reviewThreshold ? 'flagged' : 'verified' };
  return { ...base, outcome: 'flagged' };
}

/** The visit, read with the caller's token: it must be theirs and at the ticket's merchant. */
async function visitAtMerchant(ctx: TicketsContext, access: Access, ticket: TicketRow, visitId: string): Promise<Visit> {
  const field = '/body/visitId';
  const visit = await readAs(
    'visit',
    field,
    ticket.country,
    async () => (await ctx.rpc.client(CheckinService).getVisit({ id: visitId }, asCaller(access.caller.token))).visit,
    (v) => v.country,
  );
  if (visit.repId !== access.caller.userId) {
    throw new UnprocessableError('The visit is not yours.', [{ field, message: 'is another rep’s visit; check in yourself' }]);
  }
  if (visit.targetType !== 'merchant' || visit.targetId !== ticket.merchant_id) {
    throw new UnprocessableError('The visit is not at the ticket’s merchant.', [
      { field, message: 'is a check-in somewhere else than the ticket’s merchant' },
    ]);
  }
  return visit;
}

/** The problems with the photos and the signature: each must be an image the caller can read. */
async function fileProblems(ctx: TicketsContext, access: Access, input: OnSiteEvidenceInput): Promise<FieldProblem[]> {
  const ids = [...new Set([...input.photoIds, input.signatureFileId])];
  let files: { id: string; mimeType: string }[];
  try {
    files = (await ctx.rpc.client(FileService).batchGetFiles({ ids }, asCaller(access.caller.token))).files;
  } catch (error) {
    if (error instanceof ConnectError && error.code === Code.PermissionDenied) files = [];
    else if (isServiceUnreachable(error)) {
      throw new ServiceUnavailableError('The file service cannot be reached to check the photos; try again later.');
    } else throw error;
  }
  const images = new Map(files.map((f) => [f.id, IMAGE.test(f.mimeType)]));
  const problem = (id: string, field: string): FieldProblem[] => {
    const image = images.get(id);
    if (image === undefined) return [{ field, message: 'is not a file you can read' }];
    return image ? [] : [{ field, message: 'is not an image' }];
  };
  return [
    ...input.photoIds.flatMap((id, i) => problem(id, `/body/photoIds/${i}`)),
    ...problem(input.signatureFileId, '/body/signatureFileId'),
  ];
}

/** Checks the evidence of an on-site completion through the services that own it; answers the visit's verdict. */
export async function checkOnSiteEvidence(
  ctx: TicketsContext,
  access: Access,
  ticket: TicketRow,
  input: OnSiteEvidenceInput,
): Promise<VisitVerdict> {
  if (input.photoIds.includes(input.signatureFileId)) {
    throw new UnprocessableError('The signature is one of the photos.', [
      { field: '/body/signatureFileId', message: 'must be its own image, not one of the photos' },
    ]);
  }
  const [visit, problems] = await Promise.all([visitAtMerchant(ctx, access, ticket, input.visitId), fileProblems(ctx, access, input)]);
  if (problems.length > 0) throw new UnprocessableError('Some evidence is not an image you can read.', problems);
  return verdictOf(visit, ctx.countries.get(ticket.country).visitReviewThreshold);
}
