import { AppError, accessFor, type ServiceApp } from '@fieldops/platform';
import { closePayPeriod } from '../app/close-pay-period';
import { explainFigure } from '../app/explain';
import { figures } from '../app/figures';
import { importMerchantFigures } from '../app/import-merchant-figures';
import { leaderboard } from '../app/leaderboard';
import { payPeriods } from '../app/pay-periods';
import { listPlans, putPlan } from '../app/plans';
import { recordMerchantFigures } from '../app/record-merchant-figures';
import { previewTargets, setTargets } from '../app/set-targets';
import { statements } from '../app/statements';
import { listUncounted } from '../app/uncounted';
import type { PerformanceContext } from '../config';
import { PerformancePermission } from '../domain/permissions';
import {
  ClosedPayPeriod,
  ExplainQuery,
  Explanation,
  Figures,
  FiguresImportReport,
  FiguresQuery,
  Leaderboard,
  LeaderboardQuery,
  MerchantFigures,
  PayPeriodParams,
  PayPeriods,
  PayPeriodsQuery,
  Plan,
  PlanBody,
  Plans,
  SetTargetsBody,
  Statements,
  StatementsQuery,
  Targets,
  TargetsPreview,
  UncountedPage,
  UncountedQuery,
} from './schemas';

/** The largest CSV file `POST /api/v1/performance/merchant-figures/import` takes. */
const CSV_LIMIT_BYTES = 5 * 1024 * 1024;

export function performanceRoutes(app: ServiceApp, ctx: PerformanceContext): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_LIMIT_BYTES }, (_request, body, done) => done(null, body));

  app.get(
    '/api/v1/performance/figures',
    {
      schema: {
        operationId: 'getFigures',
        summary: 'A rep’s or team’s figures for a period, with targets and attainment; only facts in my scope count',
        querystring: FiguresQuery,
        response: { 200: Figures },
      },
    },
    async (request) => figures(ctx, await accessFor(request, PerformancePermission.read, ctx.scopes), request.query),
  );

  app.get(
    '/api/v1/performance/figures/explain',
    {
      schema: {
        operationId: 'explainFigure',
        summary: 'The facts behind a figure, with links to what each credits; their credits sum to the figure',
        querystring: ExplainQuery,
        response: { 200: Explanation },
      },
    },
    async (request) => explainFigure(ctx, await accessFor(request, PerformancePermission.read, ctx.scopes), request.query),
  );

  app.get(
    '/api/v1/performance/uncounted',
    {
      schema: {
        operationId: 'listUncounted',
        summary: 'What a rep or team did in a period that counts for nothing now, and why (under review, rejected, duplicate)',
        querystring: UncountedQuery,
        response: { 200: UncountedPage },
      },
    },
    async (request) => listUncounted(ctx, await accessFor(request, PerformancePermission.read, ctx.scopes), request.query),
  );

  app.get(
    '/api/v1/performance/leaderboard',
    {
      schema: {
        operationId: 'getLeaderboard',
        summary:
          'Reps ranked by a metric over a period: a team’s, an area’s or an agency’s, or all in my scope (a rep sees their own team’s)',
        querystring: LeaderboardQuery,
        response: { 200: Leaderboard },
      },
    },
    async (request) => leaderboard(ctx, await accessFor(request, PerformancePermission.read, ctx.scopes), request.query),
  );

  app.put(
    '/api/v1/performance/targets',
    {
      schema: {
        operationId: 'setTargets',
        summary: 'Set a rep’s or team’s target for a metric and period; a team target may cascade to its reps',
        body: SetTargetsBody,
        response: { 200: Targets },
      },
    },
    async (request) => setTargets(ctx, await accessFor(request, PerformancePermission.target, ctx.scopes), request.body),
  );

  app.post(
    '/api/v1/performance/targets/preview',
    {
      schema: {
        operationId: 'previewTargets',
        summary: 'What setting these targets would store (a team’s target and each rep’s share), checked the same way; stores nothing',
        body: SetTargetsBody,
        response: { 200: TargetsPreview },
      },
    },
    async (request) => previewTargets(ctx, await accessFor(request, PerformancePermission.target, ctx.scopes), request.body),
  );

  app.post(
    '/api/v1/performance/merchant-figures',
    {
      schema: {
        operationId: 'recordMerchantFigures',
        summary: 'A merchant’s orders and GMV for one day, from the O2O platform; sending a day again replaces it',
        body: MerchantFigures,
        response: { 200: MerchantFigures },
      },
    },
    async (request) => recordMerchantFigures(ctx, await accessFor(request, PerformancePermission.ingest, ctx.scopes), request.body),
  );

  app.post(
    '/api/v1/performance/merchant-figures/import',
    {
      bodyLimit: CSV_LIMIT_BYTES,
      schema: {
        operationId: 'importMerchantFigures',
        summary:
          'Import merchants’ daily figures from a CSV (text/csv; columns merchantId, date, orders, gmvMinor, currency): each row checked as the single POST, reported as accepted, unchanged or refused',
        response: { 200: FiguresImportReport },
      },
    },
    async (request) => {
      const access = await accessFor(request, PerformancePermission.ingest, ctx.scopes);
      if (typeof request.body !== 'string') throw new AppError(415, 'Unsupported media type', 'Send the file as text/csv.');
      return importMerchantFigures(ctx, access, request.body);
    },
  );

  app.get(
    '/api/v1/performance/plans',
    {
      schema: {
        operationId: 'listIncentivePlans',
        summary: 'The incentive plans of my country: per role, a rate per unit of each metric, accelerators and caps',
        response: { 200: Plans },
      },
    },
    async (request) => listPlans(ctx, await accessFor(request, PerformancePermission.read, ctx.scopes)),
  );

  app.put(
    '/api/v1/performance/plans',
    {
      schema: {
        operationId: 'putIncentivePlan',
        summary: 'Set the incentive plan of a role in a country; closed statements keep the rules they were paid by',
        body: PlanBody,
        response: { 200: Plan },
      },
    },
    async (request) => putPlan(ctx, await accessFor(request, PerformancePermission.incentives, ctx.scopes), request.body),
  );

  app.get(
    '/api/v1/performance/periods',
    {
      schema: {
        operationId: 'listPayPeriods',
        summary: 'A country’s pay periods (months) of the last year, open or closed',
        querystring: PayPeriodsQuery,
        response: { 200: PayPeriods },
      },
    },
    async (request) => payPeriods(ctx, await accessFor(request, PerformancePermission.read, ctx.scopes), request.query),
  );

  app.post(
    '/api/v1/performance/periods/:id/close',
    {
      schema: {
        operationId: 'closePayPeriod',
        summary: 'Close a month: its statements freeze; later corrections are settled in the next open period',
        params: PayPeriodParams,
        response: { 200: ClosedPayPeriod },
      },
    },
    async (request) => closePayPeriod(ctx, await accessFor(request, PerformancePermission.incentives, ctx.scopes), request.params.id),
  );

  app.get(
    '/api/v1/performance/statements',
    {
      schema: {
        operationId: 'getStatements',
        summary: 'A rep’s incentive statement for a month: frozen once the period is closed, as it stands until then',
        querystring: StatementsQuery,
        response: { 200: Statements },
      },
    },
    async (request) => statements(ctx, await accessFor(request, PerformancePermission.read, ctx.scopes), request.query),
  );
}
