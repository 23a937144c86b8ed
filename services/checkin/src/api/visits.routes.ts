import { type CoordinateSystem, requestCoordinates } from '@fieldops/geo';
import { AppError, accessFor, type Principal, type ServiceApp, setEtag, versionedWrite } from '@fieldops/platform';
import { checkIn } from '../app/check-in';
import { checkOut } from '../app/check-out';
import { findVisit } from '../app/get-visit';
import { countVisits, listVisitRows } from '../app/list-visits';
import type { CheckinPorts } from '../app/ports';
import { reviewVisit } from '../app/review-visit';
import { toVisitView } from '../app/visit-view';
import type { CheckinContext } from '../config';
import { VisitPermission } from '../domain/permissions';
import {
  CheckInBody,
  CheckOutBody,
  CoordsQuery,
  HeldCheckOut,
  IdParams,
  ListQuery,
  ReviewBody,
  ReviewQueueQuery,
  Visit,
  VisitList,
  VisitPage,
} from './schemas';

export function visitRoutes(app: ServiceApp, ctx: CheckinContext, ports: CheckinPorts): void {
  const edge = (caller: Principal, coords: CoordinateSystem | undefined) => requestCoordinates(ctx.countries, caller, coords);

  app.post(
    '/api/v1/visits',
    {
      schema: {
        operationId: 'checkIn',
        summary: 'Check in at a merchant, lead or place (201; a replay of the same visit id answers 200 with the stored visit)',
        querystring: CoordsQuery,
        body: CheckInBody,
        response: { 200: Visit, 201: Visit },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, VisitPermission.write, ctx.scopes);
      const { visit, created } = await checkIn(ctx, ports, access, request.body, edge(access.caller, request.query.coords)).catch(
        (error: unknown) => {
          // A refused check-in (too far, too old, another country's target) writes no event; it is counted here.
          if (error instanceof AppError && error.status === 422) {
            const labels = { service: 'checkin', event: 'checkin.visit.checked-in', country: access.caller.country, outcome: 'refused' };
            ctx.metrics.businessEvents.inc(labels);
          }
          throw error;
        },
      );
      setEtag(reply, visit.version);
      if (!created) return reply.code(200).send(visit);
      return reply.code(201).header('location', `/api/v1/visits/${visit.id}`).send(visit);
    },
  );

  app.post(
    '/api/v1/visits/:id/check-out',
    {
      schema: {
        operationId: 'checkOut',
        summary: 'Check out of my visit (200); a check-out that arrives before its check-in is held (202) and applied when it comes',
        params: IdParams,
        querystring: CoordsQuery,
        body: CheckOutBody,
        response: { 200: Visit, 202: HeldCheckOut },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, VisitPermission.write, ctx.scopes);
      const result = await checkOut(ctx, ports, access, request.params.id, request.body, edge(access.caller, request.query.coords));
      if (result.status === 'held') return reply.code(202).send({ visitId: result.visitId, status: 'held' });
      setEtag(reply, result.visit.version);
      return reply.code(200).send(result.visit);
    },
  );

  app.get(
    '/api/v1/visits',
    {
      schema: {
        operationId: 'listVisits',
        summary: 'Visits in my data scope, in device-time order',
        querystring: ListQuery,
        response: { 200: VisitList },
      },
    },
    async (request) => {
      const access = await accessFor(request, VisitPermission.read, ctx.scopes);
      const { coords, withTotal, ...query } = request.query;
      const page = await listVisitRows(ctx, access, query);
      const coordinates = edge(access.caller, coords);
      const items = page.items.map((row) => toVisitView(row, coordinates));
      return { items, nextCursor: page.nextCursor, ...(withTotal ? { total: await countVisits(ctx, access, query) } : {}) };
    },
  );

  app.get(
    '/api/v1/visits/review-queue',
    {
      schema: {
        operationId: 'listVisitsToReview',
        summary: 'Flagged visits waiting for review in my scope (a team lead: their team), oldest first',
        querystring: ReviewQueueQuery,
        response: { 200: VisitPage },
      },
    },
    async (request) => {
      const access = await accessFor(request, VisitPermission.review, ctx.scopes);
      const { coords, ...query } = request.query;
      const page = await listVisitRows(ctx, access, { ...query, verification: 'pending-review' });
      const coordinates = edge(access.caller, coords);
      return { items: page.items.map((row) => toVisitView(row, coordinates)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/visits/:id',
    { schema: { operationId: 'getVisit', summary: 'A visit', params: IdParams, querystring: CoordsQuery, response: { 200: Visit } } },
    async (request, reply) => {
      const access = await accessFor(request, VisitPermission.read, ctx.scopes);
      const row = await findVisit(ctx, access, request.params.id);
      return versionedWrite(reply, toVisitView(row, edge(access.caller, request.query.coords)));
    },
  );

  app.post(
    '/api/v1/visits/:id/review',
    {
      schema: {
        operationId: 'reviewVisit',
        summary: 'Approve or reject a flagged visit (409 when it is not waiting for review)',
        params: IdParams,
        querystring: CoordsQuery,
        body: ReviewBody,
        response: { 200: Visit },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, VisitPermission.review, ctx.scopes);
      const row = await reviewVisit(ctx, access, request.params.id, request.body.decision, request.body.reason);
      return versionedWrite(reply, toVisitView(row, edge(access.caller, request.query.coords)));
    },
  );
}
