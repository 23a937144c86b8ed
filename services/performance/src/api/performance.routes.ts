import { accessFor, type ServiceApp } from '@fieldops/platform';
import { explainFigure } from '../app/explain';
import { figures } from '../app/figures';
import { leaderboard } from '../app/leaderboard';
import { recordMerchantFigures } from '../app/record-merchant-figures';
import { setTargets } from '../app/set-targets';
import type { PerformanceContext } from '../config';
import { PerformancePermission } from '../domain/permissions';
import {
  ExplainQuery,
  Explanation,
  Figures,
  FiguresQuery,
  Leaderboard,
  LeaderboardQuery,
  MerchantFigures,
  SetTargetsBody,
  Targets,
} from './schemas';

export function performanceRoutes(app: ServiceApp, ctx: PerformanceContext): void {
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
    '/api/v1/performance/leaderboard',
    {
      schema: {
        operationId: 'getLeaderboard',
        summary: 'Reps ranked by a metric over a period: a team’s, or all in my scope (a rep sees their own team’s)',
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
}
