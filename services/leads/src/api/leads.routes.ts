import { type EdgeCoordinates, requestCoordinates } from '@fieldops/geo';
import { type Access, accessFor, type ServiceApp, setEtag } from '@fieldops/platform';
import type { FastifyReply } from 'fastify';
import { assignLead } from '../app/assign-lead';
import { changeStage } from '../app/change-stage';
import { checkDuplicates } from '../app/check-duplicates';
import { claimLead } from '../app/claim-lead';
import { convertLead } from '../app/convert-lead';
import { createLead } from '../app/create-lead';
import { followUpLead } from '../app/follow-up-lead';
import { leadFollowUps } from '../app/lead-follow-ups';
import { leadHistory } from '../app/lead-history';
import { toLeadView } from '../app/lead-view';
import { listLeads } from '../app/list-leads';
import { releaseLead } from '../app/release-lead';
import { readableDuplicates } from '../app/shown-duplicates';
import { visibleLead } from '../app/visible-lead';
import type { LeadsContext } from '../config';
import type { LeadRow } from '../db/lead.repository';
import { LeadPermission } from '../domain/permissions';
import {
  AssignBody,
  ConvertBody,
  CoordsQuery,
  CreateLeadBody,
  DuplicateCheck,
  DuplicateCheckQuery,
  FollowUpBody,
  IdParams,
  Lead,
  LeadFollowUps,
  LeadHistory,
  LeadPage,
  ListLeadsQuery,
  StageBody,
} from './schemas';

type Coords = 'WGS84' | 'GCJ02' | 'BD09';

async function answer(ctx: LeadsContext, access: Access, reply: FastifyReply, row: LeadRow, edge: EdgeCoordinates) {
  setEtag(reply, row.version);
  return toLeadView(row, await readableDuplicates(ctx, access, [row.duplicate_of]), edge);
}

export function leadRoutes(app: ServiceApp, ctx: LeadsContext): void {
  const action = (operationId: string, summary: string) => ({
    operationId,
    summary,
    params: IdParams,
    querystring: CoordsQuery,
    response: { 200: Lead },
  });
  /** Coordinates at the edge: `?coords=`, else the caller's country's system; stored as WGS-84. */
  const edge = (access: Access, coords: Coords | undefined) => requestCoordinates(ctx.countries, access.caller, coords);

  app.post(
    '/api/v1/leads',
    {
      schema: {
        operationId: 'createLead',
        summary: 'Capture a lead, claimed by me; a strong duplicate answers 409 with `candidates` to claim instead',
        querystring: CoordsQuery,
        body: CreateLeadBody,
        response: { 201: Lead },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, LeadPermission.write, ctx.scopes);
      const coordinates = edge(access, request.query.coords);
      const { row, duplicate } = await createLead(ctx, access, { ...request.body, ...coordinates.toStored(request.body) });
      setEtag(reply, row.version);
      const view = toLeadView(row, await readableDuplicates(ctx, access, [duplicate ?? null]), coordinates);
      return reply.code(201).header('location', `/api/v1/leads/${row.id}`).send(view);
    },
  );

  app.get(
    '/api/v1/leads/duplicates',
    {
      schema: {
        operationId: 'checkLeadDuplicates',
        summary: 'The duplicate check a capture would run, before saving: the matches I may read, and how many I may not',
        querystring: DuplicateCheckQuery,
        response: { 200: DuplicateCheck },
      },
    },
    async (request) => {
      const access = await accessFor(request, LeadPermission.write, ctx.scopes);
      const { coords, ...query } = request.query;
      const coordinates = edge(access, coords);
      return checkDuplicates(ctx, access, { ...query, ...coordinates.toStored(query) }, coordinates);
    },
  );

  app.get(
    '/api/v1/leads',
    {
      schema: {
        operationId: 'listLeads',
        summary: 'My leads (pool=mine), the public pool (pool=public) or all I can see',
        querystring: ListLeadsQuery,
        response: { 200: LeadPage },
      },
    },
    async (request) => {
      const access = await accessFor(request, LeadPermission.read, ctx.scopes);
      const { coords, ...query } = request.query;
      return listLeads(ctx, access, query, edge(access, coords));
    },
  );

  app.get('/api/v1/leads/:id', { schema: action('getLead', 'A lead; outside my scope it answers 404') }, async (request, reply) => {
    const access = await accessFor(request, LeadPermission.read, ctx.scopes);
    return answer(ctx, access, reply, await visibleLead(ctx, access, request.params.id), edge(access, request.query.coords));
  });

  app.get(
    '/api/v1/leads/:id/history',
    {
      schema: {
        operationId: 'getLeadHistory',
        summary: "Everything that happened to a lead, oldest first, from the service's event log",
        params: IdParams,
        response: { 200: LeadHistory },
      },
    },
    async (request) => {
      const access = await accessFor(request, LeadPermission.read, ctx.scopes);
      return { items: await leadHistory(ctx, access, request.params.id) };
    },
  );

  app.get(
    '/api/v1/leads/:id/follow-ups',
    {
      schema: {
        operationId: 'listLeadFollowUps',
        summary: 'The follow-ups of a lead (calls, visits, messages, notes), newest first',
        params: IdParams,
        response: { 200: LeadFollowUps },
      },
    },
    async (request) => {
      const access = await accessFor(request, LeadPermission.read, ctx.scopes);
      return { items: await leadFollowUps(ctx, access, request.params.id) };
    },
  );

  app.post(
    '/api/v1/leads/:id/claim',
    { schema: action('claimLead', 'Claim a lead from the public pool (409 when taken, in cooldown or at my limit)') },
    async (request, reply) => {
      const access = await accessFor(request, LeadPermission.claim, ctx.scopes);
      return answer(ctx, access, reply, await claimLead(ctx, access, request.params.id), edge(access, request.query.coords));
    },
  );

  app.post(
    '/api/v1/leads/:id/release',
    { schema: action('releaseLead', 'Give a lead I hold back to the public pool') },
    async (request, reply) => {
      const access = await accessFor(request, LeadPermission.claim, ctx.scopes);
      return answer(ctx, access, reply, await releaseLead(ctx, access, request.params.id), edge(access, request.query.coords));
    },
  );

  app.post(
    '/api/v1/leads/:id/assign',
    {
      schema: { ...action('assignLead', 'Give a lead to a rep (from the pool or another rep); the rep’s limit applies'), body: AssignBody },
    },
    async (request, reply) => {
      const access = await accessFor(request, LeadPermission.assign, ctx.scopes);
      return answer(
        ctx,
        access,
        reply,
        await assignLead(ctx, access, request.params.id, request.body.repId),
        edge(access, request.query.coords),
      );
    },
  );

  app.post(
    '/api/v1/leads/:id/follow-ups',
    {
      schema: {
        ...action('addLeadFollowUp', 'Record a follow-up; extends the protection up to the country’s maximum'),
        body: FollowUpBody,
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, LeadPermission.write, ctx.scopes);
      return answer(
        ctx,
        access,
        reply,
        await followUpLead(ctx, access, request.params.id, request.body),
        edge(access, request.query.coords),
      );
    },
  );

  app.post(
    '/api/v1/leads/:id/stage',
    { schema: { ...action('setLeadStage', 'Move a lead to another stage (409 on an illegal transition)'), body: StageBody } },
    async (request, reply) => {
      const access = await accessFor(request, LeadPermission.write, ctx.scopes);
      return answer(
        ctx,
        access,
        reply,
        await changeStage(ctx, access, request.params.id, request.body.to),
        edge(access, request.query.coords),
      );
    },
  );

  app.post(
    '/api/v1/leads/:id/convert',
    {
      schema: {
        ...action('convertLead', 'Ask for the merchant of a won lead to be created (conversionStatus becomes requested)'),
        body: ConvertBody,
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, LeadPermission.write, ctx.scopes);
      return answer(
        ctx,
        access,
        reply,
        await convertLead(ctx, access, request.params.id, request.body),
        edge(access, request.query.coords),
      );
    },
  );
}
