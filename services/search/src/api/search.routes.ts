import { callerOf, type ServiceApp } from '@fieldops/platform';
import { search } from '../app/search';
import { searchStatus } from '../app/search-status';
import { startRebuild } from '../app/start-rebuild';
import type { SearchContext } from '../config';
import { RebuildStarted, SearchAnswer, SearchQuerystring, SearchStatus } from './schemas';

export function searchRoutes(app: ServiceApp, ctx: SearchContext): void {
  app.get(
    '/api/v1/search',
    {
      schema: {
        operationId: 'search',
        summary: 'Search merchants, leads, places and visits within my data scope (text, geo, filters, facets)',
        querystring: SearchQuerystring,
        response: { 200: SearchAnswer },
      },
    },
    async (request) => search(ctx, callerOf(request), request.query),
  );

  app.get(
    '/api/v1/search/status',
    {
      schema: {
        operationId: 'getSearchStatus',
        summary: 'How current the search index is, per source service',
        response: { 200: SearchStatus },
      },
    },
    async (request) => searchStatus(ctx, callerOf(request)),
  );

  app.post(
    '/api/v1/search/rebuild',
    {
      schema: {
        operationId: 'rebuildSearch',
        summary: 'Rebuild the index from the source services while the current one keeps serving (admins; see status)',
        response: { 202: RebuildStarted },
      },
    },
    async (request, reply) => reply.code(202).send(startRebuild(ctx, callerOf(request))),
  );
}
