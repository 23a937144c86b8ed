import { type CoordinateSystem, requestCoordinates } from '@fieldops/geo';
import { accessFor, ifMatch, type Principal, type ServiceApp, setEtag, versionedWrite } from '@fieldops/platform';
import { createMerchant } from '../app/create-merchant';
import { findMerchant } from '../app/get-merchant';
import { listMerchants } from '../app/list-merchants';
import { merchantHistory } from '../app/merchant-history';
import { toMerchantView } from '../app/merchant-view';
import { transferMerchants } from '../app/transfer-merchants';
import { transitionMerchant } from '../app/transition-merchant';
import { updateMerchant } from '../app/update-merchant';
import type { MerchantContext } from '../config';
import { MerchantPermission } from '../domain/permissions';
import {
  BulkTransferBody,
  CoordsQuery,
  CreateMerchantBody,
  History,
  IdParams,
  ListQuery,
  Merchant,
  MerchantPage,
  TransferBody,
  TransferResults,
  TransitionBody,
  UpdateMerchantBody,
} from './schemas';

export function merchantRoutes(app: ServiceApp, ctx: MerchantContext): void {
  const edge = (caller: Principal, coords: CoordinateSystem | undefined) => requestCoordinates(ctx.countries, caller, coords);

  app.post(
    '/api/v1/merchants',
    {
      schema: {
        operationId: 'createMerchant',
        summary: 'Create a merchant (status onboarding)',
        querystring: CoordsQuery,
        body: CreateMerchantBody,
        response: { 201: Merchant },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, MerchantPermission.write, ctx.scopes);
      const merchant = await createMerchant(ctx, access, request.body, edge(access.caller, request.query.coords));
      setEtag(reply, merchant.version);
      return reply.code(201).header('location', `/api/v1/merchants/${merchant.id}`).send(merchant);
    },
  );

  app.get(
    '/api/v1/merchants',
    {
      schema: {
        operationId: 'listMerchants',
        summary: 'Merchants in my data scope, by id',
        querystring: ListQuery,
        response: { 200: MerchantPage },
      },
    },
    async (request) => {
      const access = await accessFor(request, MerchantPermission.read, ctx.scopes);
      const { coords, ...query } = request.query;
      return listMerchants(ctx, access, query, edge(access.caller, coords));
    },
  );

  app.get(
    '/api/v1/merchants/:id',
    {
      schema: {
        operationId: 'getMerchant',
        summary: 'A merchant',
        params: IdParams,
        querystring: CoordsQuery,
        response: { 200: Merchant },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, MerchantPermission.read, ctx.scopes);
      const row = await findMerchant(ctx, access, request.params.id);
      return versionedWrite(reply, toMerchantView(row, edge(access.caller, request.query.coords)));
    },
  );

  app.patch(
    '/api/v1/merchants/:id',
    {
      schema: {
        operationId: 'updateMerchant',
        summary: 'Change a merchant profile (send If-Match with the ETag you read)',
        params: IdParams,
        querystring: CoordsQuery,
        body: UpdateMerchantBody,
        response: { 200: Merchant },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, MerchantPermission.write, ctx.scopes);
      const coordinates = edge(access.caller, request.query.coords);
      return versionedWrite(reply, updateMerchant(ctx, access, request.params.id, request.body, coordinates, ifMatch(request)));
    },
  );

  app.post(
    '/api/v1/merchants/:id/transitions',
    {
      schema: {
        operationId: 'transitionMerchant',
        summary: 'Move a merchant along onboarding → active ⇄ suspended → churned (409 for an illegal move)',
        params: IdParams,
        querystring: CoordsQuery,
        body: TransitionBody,
        response: { 200: Merchant },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, MerchantPermission.write, ctx.scopes);
      const { to, reason } = request.body;
      const row = await transitionMerchant(ctx, access, request.params.id, to, reason, ifMatch(request));
      return versionedWrite(reply, toMerchantView(row, edge(access.caller, request.query.coords)));
    },
  );

  app.post(
    '/api/v1/merchants/:id/transfer',
    {
      schema: {
        operationId: 'transferMerchant',
        summary: 'Give a merchant to another owner rep',
        params: IdParams,
        body: TransferBody,
        response: { 200: TransferResults },
      },
    },
    async (request) => {
      const access = await accessFor(request, MerchantPermission.transfer, ctx.scopes);
      const { ownerId, reason } = request.body;
      return { results: await transferMerchants(ctx, access, [request.params.id], ownerId, reason, '/body/ownerId', () => '/params/id') };
    },
  );

  app.post(
    '/api/v1/merchants/transfer',
    {
      schema: {
        operationId: 'transferMerchants',
        summary: 'Give many merchants to another owner rep, all or nothing (422 with per-id results when any cannot be)',
        body: BulkTransferBody,
        response: { 200: TransferResults },
      },
    },
    async (request) => {
      const access = await accessFor(request, MerchantPermission.transfer, ctx.scopes);
      const { merchantIds, ownerId, reason } = request.body;
      return { results: await transferMerchants(ctx, access, merchantIds, ownerId, reason) };
    },
  );

  app.get(
    '/api/v1/merchants/:id/history',
    {
      schema: {
        operationId: 'getMerchantHistory',
        summary: "Every change of a merchant, oldest first, from the service's event log",
        params: IdParams,
        response: { 200: History },
      },
    },
    async (request) => {
      const access = await accessFor(request, MerchantPermission.read, ctx.scopes);
      return { items: await merchantHistory(ctx, access, request.params.id) };
    },
  );
}
