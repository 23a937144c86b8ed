import { SlaPolicySetSchema } from '@fieldops/contracts';
import { accessFor, ifMatch, type ServiceApp, setEtag, versionedWrite } from '@fieldops/platform';
import { assignTicket } from '../app/assign-ticket';
import { bulkAssign } from '../app/bulk-assign';
import { commentTicket } from '../app/comment-ticket';
import { completeOnSite } from '../app/complete-on-site';
import { createTicket } from '../app/create-ticket';
import { listTickets } from '../app/list-tickets';
import { reviewTicket } from '../app/review-ticket';
import { listSlaPolicies, setSlaPolicies } from '../app/sla-policy-admin';
import { ticketTimeline } from '../app/ticket-history';
import { ticketSla } from '../app/ticket-sla-view';
import { toTicketView } from '../app/ticket-view';
import { transitionTicket } from '../app/transition-ticket';
import { updateTicket } from '../app/update-ticket';
import { visibleTicket } from '../app/visible-ticket';
import type { TicketsContext } from '../config';
import { TicketPermission } from '../domain/permissions';
import { ticketSetupOf } from '../domain/ticket-types';
import {
  AssignBody,
  BulkAssignBody,
  BulkAssignReport,
  Comment,
  CommentBody,
  CompleteOnSiteBody,
  CreateTicketBody,
  IdParams,
  ListTicketsQuery,
  ReviewBody,
  SlaPolicyList,
  SlaPolicyRow,
  Ticket,
  TicketPage,
  TicketSla,
  TicketTimeline,
  TicketTypes,
  TransitionBody,
  TypeParams,
  UpdateTicketBody,
} from './schemas';

export function ticketRoutes(app: ServiceApp, ctx: TicketsContext): void {
  app.get(
    '/api/v1/tickets/types',
    {
      schema: {
        operationId: 'listTicketTypes',
        summary: 'The ticket types of my country, with their field schemas',
        response: { 200: TicketTypes },
      },
    },
    async (request) => {
      const { caller } = await accessFor(request, TicketPermission.read, ctx.scopes);
      const setup = ticketSetupOf(caller.country);
      return {
        country: caller.country,
        reopenWindowDays: setup.reopenWindowDays,
        items: setup.types.map(({ type, label, labels, defaultPriority, queue, assignment, fields }) => ({
          type,
          label,
          labels: { en: label, ...labels },
          defaultPriority,
          queue,
          assignment,
          fields: { ...fields },
        })),
      };
    },
  );

  app.get(
    '/api/v1/tickets/sla-policies',
    {
      schema: {
        operationId: 'listSlaPolicies',
        summary: 'The SLA policies of my country per ticket type (and the default), with where each comes from',
        response: { 200: SlaPolicyList },
      },
    },
    async (request) => listSlaPolicies(ctx, await accessFor(request, TicketPermission.sla, ctx.scopes)),
  );

  app.put(
    '/api/v1/tickets/sla-policies/:type',
    {
      schema: {
        operationId: 'setSlaPolicies',
        summary: 'Set my country’s SLA policies of a ticket type (or default), every priority; its open tickets are recomputed (If-Match)',
        params: TypeParams,
        body: SlaPolicySetSchema,
        response: { 200: SlaPolicyRow },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, TicketPermission.sla, ctx.scopes);
      return versionedWrite(reply, setSlaPolicies(ctx, access, request.params.type, request.body, ifMatch(request)));
    },
  );

  app.post(
    '/api/v1/tickets',
    {
      schema: {
        operationId: 'createTicket',
        summary: 'Open a ticket of my country; assigned by its type’s rule (send Idempotency-Key to retry safely)',
        body: CreateTicketBody,
        response: { 201: Ticket },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, TicketPermission.write, ctx.scopes);
      const row = await createTicket(ctx, access, request.body);
      setEtag(reply, row.version);
      return reply.code(201).header('location', `/api/v1/tickets/${row.id}`).send(toTicketView(row));
    },
  );

  app.get(
    '/api/v1/tickets',
    {
      schema: {
        operationId: 'listTickets',
        summary: 'The tickets I can see, filtered; sort=breach puts the soonest breach first',
        querystring: ListTicketsQuery,
        response: { 200: TicketPage },
      },
    },
    async (request) => listTickets(ctx, await accessFor(request, TicketPermission.read, ctx.scopes), request.query),
  );

  app.post(
    '/api/v1/tickets/bulk-assign',
    {
      schema: {
        operationId: 'bulkAssignTickets',
        summary: 'Give many tickets I manage to one user; each row says assigned or why skipped',
        body: BulkAssignBody,
        response: { 200: BulkAssignReport },
      },
    },
    async (request) => {
      const access = await accessFor(request, TicketPermission.assign, ctx.scopes);
      return bulkAssign(ctx, access, request.body.ticketIds, request.body.assigneeId);
    },
  );

  app.get(
    '/api/v1/tickets/:id',
    {
      schema: {
        operationId: 'getTicket',
        summary: 'A ticket; outside my scope it answers 404',
        params: IdParams,
        response: { 200: Ticket },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, TicketPermission.read, ctx.scopes);
      return toTicketView(await versionedWrite(reply, visibleTicket(ctx, access, request.params.id)));
    },
  );

  app.patch(
    '/api/v1/tickets/:id',
    {
      schema: {
        operationId: 'updateTicket',
        summary: 'Edit a ticket’s title, description, priority or fields (If-Match)',
        params: IdParams,
        body: UpdateTicketBody,
        response: { 200: Ticket },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, TicketPermission.write, ctx.scopes);
      return toTicketView(await versionedWrite(reply, updateTicket(ctx, access, request.params.id, request.body, ifMatch(request))));
    },
  );

  app.post(
    '/api/v1/tickets/:id/transitions',
    {
      schema: {
        operationId: 'transitionTicket',
        summary: 'Move a ticket to another state; an illegal move is a 409 naming from, to and allowed',
        params: IdParams,
        body: TransitionBody,
        response: { 200: Ticket },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, TicketPermission.write, ctx.scopes);
      return toTicketView(await versionedWrite(reply, transitionTicket(ctx, access, request.params.id, request.body, ifMatch(request))));
    },
  );

  app.post(
    '/api/v1/tickets/:id/complete-on-site',
    {
      schema: {
        operationId: 'completeTicketOnSite',
        summary:
          'Resolve a merchant’s ticket on site: my check-in there, photos and the contact’s signature; a flagged visit sends it to review (If-Match, Idempotency-Key)',
        params: IdParams,
        body: CompleteOnSiteBody,
        response: { 200: Ticket },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, TicketPermission.write, ctx.scopes);
      return toTicketView(await versionedWrite(reply, completeOnSite(ctx, access, request.params.id, request.body, ifMatch(request))));
    },
  );

  app.post(
    '/api/v1/tickets/:id/review',
    {
      schema: {
        operationId: 'reviewTicket',
        summary: 'Approve (resolved) or reject (back in progress, with a reason) a ticket completed with a flagged visit',
        params: IdParams,
        body: ReviewBody,
        response: { 200: Ticket },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, TicketPermission.review, ctx.scopes);
      return toTicketView(await versionedWrite(reply, reviewTicket(ctx, access, request.params.id, request.body, ifMatch(request))));
    },
  );

  app.post(
    '/api/v1/tickets/:id/assign',
    {
      schema: {
        operationId: 'assignTicket',
        summary: 'Give a ticket to a user I can see, of its country',
        params: IdParams,
        body: AssignBody,
        response: { 200: Ticket },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, TicketPermission.assign, ctx.scopes);
      return toTicketView(await versionedWrite(reply, assignTicket(ctx, access, request.params.id, request.body.assigneeId)));
    },
  );

  app.post(
    '/api/v1/tickets/:id/comments',
    {
      schema: {
        operationId: 'commentTicket',
        summary: 'Comment on a ticket; a public comment answers the customer',
        params: IdParams,
        body: CommentBody,
        response: { 201: Comment },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, TicketPermission.write, ctx.scopes);
      const c = await commentTicket(ctx, access, request.params.id, request.body);
      return reply.code(201).send({
        id: c.id,
        ticketId: c.ticket_id,
        authorId: c.author_id,
        body: c.body,
        visibility: c.visibility,
        at: new Date(c.at).toISOString(),
      });
    },
  );

  app.get(
    '/api/v1/tickets/:id/history',
    {
      schema: {
        operationId: 'getTicketHistory',
        summary: 'Every change of a ticket (who, when, why) and its comments, oldest first',
        params: IdParams,
        response: { 200: TicketTimeline },
      },
    },
    async (request) => ticketTimeline(ctx, await accessFor(request, TicketPermission.read, ctx.scopes), request.params.id),
  );

  app.get(
    '/api/v1/tickets/:id/sla',
    {
      schema: {
        operationId: 'getTicketSla',
        summary: 'Each SLA clock of a ticket now, with the intervals counted, paused and excluded as non-working time',
        params: IdParams,
        response: { 200: TicketSla },
      },
    },
    async (request) => ticketSla(ctx, await accessFor(request, TicketPermission.read, ctx.scopes), request.params.id),
  );
}
