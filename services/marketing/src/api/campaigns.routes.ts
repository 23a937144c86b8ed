import { accessFor, decodeIdCursor, ifMatch, type ServiceApp, setEtag, toPage, versionedWrite } from '@fieldops/platform';
import { campaignResults } from '../app/campaign-results';
import { toCampaignView } from '../app/campaign-view';
import { createCampaign } from '../app/create-campaign';
import { enrollMerchant } from '../app/enroll-merchant';
import { toEnrollmentView } from '../app/enrollment-view';
import { launchCampaign } from '../app/launch-campaign';
import { listEnrollments } from '../app/list-enrollments';
import { listMembers } from '../app/list-members';
import { previewSegment } from '../app/preview-segment';
import { transitionCampaign } from '../app/transition-campaign';
import { visibleCampaign } from '../app/visible-campaign';
import type { MarketingContext } from '../config';
import { campaignRepository } from '../db/campaign.repository';
import { CampaignPermission } from '../domain/permissions';
import {
  Campaign,
  CampaignPage,
  CreateCampaignBody,
  EnrollBody,
  Enrollment,
  EnrollmentPage,
  IdParams,
  LaunchBody,
  LaunchReport,
  ListCampaignsQuery,
  ListEnrollmentsQuery,
  ListMembersQuery,
  MemberPage,
  Results,
  SegmentPreview,
  SegmentPreviewBody,
  TransitionBody,
} from './schemas';

export function campaignRoutes(app: ServiceApp, ctx: MarketingContext): void {
  app.post(
    '/api/v1/campaigns',
    {
      schema: {
        operationId: 'createCampaign',
        summary: 'A draft campaign in my country: type, period, budget with per-merchant cost and cap, terms, segment filters',
        body: CreateCampaignBody,
        response: { 201: Campaign },
      },
    },
    async (request, reply) => {
      const row = await createCampaign(ctx, await accessFor(request, CampaignPermission.write, ctx.scopes), request.body);
      setEtag(reply, row.version);
      return reply.code(201).header('location', `/api/v1/campaigns/${row.id}`).send(toCampaignView(row));
    },
  );

  app.get(
    '/api/v1/campaigns',
    {
      schema: {
        operationId: 'listCampaigns',
        summary: 'The campaigns I can see, newest first',
        querystring: ListCampaignsQuery,
        response: { 200: CampaignPage },
      },
    },
    async (request) => {
      const access = await accessFor(request, CampaignPermission.read, ctx.scopes);
      const { status, limit, cursor } = request.query;
      const rows = await campaignRepository.list(ctx.db, access.scope, { status, before: decodeIdCursor(cursor), limit });
      return toPage(rows, limit, (row) => [row.id], toCampaignView);
    },
  );

  app.post(
    '/api/v1/campaigns/segment-preview',
    {
      schema: {
        operationId: 'previewSegment',
        summary: 'How many merchants of my country (in my scope) a segment holds now, with a sample for the map',
        body: SegmentPreviewBody,
        response: { 200: SegmentPreview },
      },
    },
    async (request) => previewSegment(ctx, await accessFor(request, CampaignPermission.write, ctx.scopes), request.body.filters),
  );

  app.get(
    '/api/v1/campaigns/:id',
    {
      schema: {
        operationId: 'getCampaign',
        summary: 'A campaign; outside my scope it answers 404',
        params: IdParams,
        response: { 200: Campaign },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, CampaignPermission.read, ctx.scopes);
      return versionedWrite(reply, toCampaignView(await visibleCampaign(ctx, access, request.params.id)));
    },
  );

  app.post(
    '/api/v1/campaigns/:id/transitions',
    {
      schema: {
        operationId: 'transitionCampaign',
        summary: 'Move a campaign: draft → scheduled → running (by launch) → ended, or cancelled; 409 names from, to and allowed',
        params: IdParams,
        body: TransitionBody,
        response: { 200: Campaign },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, CampaignPermission.write, ctx.scopes);
      const row = await transitionCampaign(ctx, access, request.params.id, request.body.to, ifMatch(request));
      return versionedWrite(reply, toCampaignView(row));
    },
  );

  app.post(
    '/api/v1/campaigns/:id/launch',
    {
      schema: {
        operationId: 'launchCampaign',
        summary: 'Launch a scheduled campaign: snapshot the segment, hold out a stratified share, invite the rest',
        params: IdParams,
        body: LaunchBody,
        response: { 200: LaunchReport },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, CampaignPermission.write, ctx.scopes);
      const report = await launchCampaign(ctx, access, request.params.id, request.body.holdoutShare, ifMatch(request));
      setEtag(reply, report.campaign.version);
      return { ...report, campaign: toCampaignView(report.campaign) };
    },
  );

  app.get(
    '/api/v1/campaigns/:id/results',
    {
      schema: {
        operationId: 'getCampaignResults',
        summary: 'Funnel, cost against budget, and uplift of treated over held-out merchants with its interval',
        params: IdParams,
        response: { 200: Results },
      },
    },
    async (request) => campaignResults(ctx, await accessFor(request, CampaignPermission.read, ctx.scopes), request.params.id),
  );

  app.get(
    '/api/v1/campaigns/:id/members',
    {
      schema: {
        operationId: 'listCampaignMembers',
        summary: 'The merchants behind a funnel step (segment, held-out, treated, invited, visited, accepted…) in my scope',
        params: IdParams,
        querystring: ListMembersQuery,
        response: { 200: MemberPage },
      },
    },
    async (request) => listMembers(ctx, await accessFor(request, CampaignPermission.read, ctx.scopes), request.params.id, request.query),
  );

  app.get(
    '/api/v1/campaigns/:id/enrollments',
    {
      schema: {
        operationId: 'listEnrollments',
        summary: 'A campaign’s enrollments of the merchants in my scope, in id order',
        params: IdParams,
        querystring: ListEnrollmentsQuery,
        response: { 200: EnrollmentPage },
      },
    },
    async (request) =>
      listEnrollments(ctx, await accessFor(request, CampaignPermission.read, ctx.scopes), request.params.id, request.query),
  );

  app.post(
    '/api/v1/campaigns/:id/enrollments',
    {
      schema: {
        operationId: 'enrollMerchant',
        summary: 'Record a merchant’s answer to its invitation (with my check-in: on site); the same answer again is a no-op',
        params: IdParams,
        body: EnrollBody,
        response: { 200: Enrollment },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, CampaignPermission.enroll, ctx.scopes);
      const { enrollment } = await enrollMerchant(ctx, access, request.params.id, request.body);
      return versionedWrite(reply, toEnrollmentView(enrollment));
    },
  );
}
