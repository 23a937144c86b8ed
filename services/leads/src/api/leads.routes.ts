import { type ServiceApp, setEtag } from '@fieldops/platform';
import type { FastifyReply } from 'fastify';
import { accessFor, visibleLead } from '../app/access';
import { assignLead } from '../app/assign-lead';
import { changeStage } from '../app/change-stage';
import { claimLead } from '../app/claim-lead';
import { convertLead } from '../app/convert-lead';
import { createLead } from '../app/create-lead';
import { followUpLead } from '../app/follow-up-lead';
import { toLeadView } from '../app/lead-view';
import { listLeads } from '../app/list-leads';
import { releaseLead } from '../app/release-lead';
import type { LeadsContext } from '../config';
import type { LeadRow } from '../db/lead.repository';
import { AssignBody, ConvertBody, CreateLeadBody, FollowUpBody, IdParams, Lead, LeadPage, ListLeadsQuery, StageBody } from './schemas';

function answer(reply: FastifyReply, row: LeadRow) {
  setEtag(reply, row.version);
  return toLeadView(row);
}

export function leadRoutes(app: ServiceApp, ctx: LeadsContext): void {
  const action = (summary: string) => ({ summary, params: IdParams, response: { 200: Lead } });

  app.post(
    '/api/v1/leads',
    {
      schema: {
        summary: 'Capture a lead, claimed by me; a strong duplicate answers 409 with `candidates` to claim instead',
        body: CreateLeadBody,
        response: { 201: Lead },
      },
    },
    async (request, reply) => {
      const row = await createLead(ctx, await accessFor(ctx, request, 'lead:write'), request.body);
      setEtag(reply, row.version);
      return reply.code(201).header('location', `/api/v1/leads/${row.id}`).send(toLeadView(row));
    },
  );

  app.get(
    '/api/v1/leads',
    {
      schema: {
        summary: 'My leads (pool=mine), the public pool (pool=public) or all I can see',
        querystring: ListLeadsQuery,
        response: { 200: LeadPage },
      },
    },
    async (request) => listLeads(ctx, await accessFor(ctx, request, 'lead:read'), request.query),
  );

  app.get('/api/v1/leads/:id', { schema: action('A lead; outside my scope it answers 404') }, async (request, reply) =>
    answer(reply, await visibleLead(ctx, await accessFor(ctx, request, 'lead:read'), request.params.id)),
  );

  app.post(
    '/api/v1/leads/:id/claim',
    { schema: action('Claim a lead from the public pool (409 when taken, in cooldown or at my limit)') },
    async (request, reply) => answer(reply, await claimLead(ctx, await accessFor(ctx, request, 'lead:claim'), request.params.id)),
  );

  app.post('/api/v1/leads/:id/release', { schema: action('Give a lead I hold back to the public pool') }, async (request, reply) =>
    answer(reply, await releaseLead(ctx, await accessFor(ctx, request, 'lead:claim'), request.params.id)),
  );

  app.post(
    '/api/v1/leads/:id/assign',
    { schema: { ...action('Give a lead to a rep (from the pool or another rep); the rep’s limit applies'), body: AssignBody } },
    async (request, reply) =>
      answer(reply, await assignLead(ctx, await accessFor(ctx, request, 'lead:assign'), request.params.id, request.body.repId)),
  );

  app.post(
    '/api/v1/leads/:id/follow-ups',
    { schema: { ...action('Record a follow-up; extends the protection up to the country’s maximum'), body: FollowUpBody } },
    async (request, reply) =>
      answer(reply, await followUpLead(ctx, await accessFor(ctx, request, 'lead:write'), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/leads/:id/stage',
    { schema: { ...action('Move a lead to another stage (409 on an illegal transition)'), body: StageBody } },
    async (request, reply) =>
      answer(reply, await changeStage(ctx, await accessFor(ctx, request, 'lead:write'), request.params.id, request.body.to)),
  );

  app.post(
    '/api/v1/leads/:id/convert',
    { schema: { ...action('Ask for the merchant of a won lead to be created (conversionStatus becomes requested)'), body: ConvertBody } },
    async (request, reply) =>
      answer(reply, await convertLead(ctx, await accessFor(ctx, request, 'lead:write'), request.params.id, request.body)),
  );
}
