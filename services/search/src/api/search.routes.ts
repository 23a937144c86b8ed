import { callerOf, type ServiceApp } from '@fieldops/platform';
import { search } from '../app/search';
import { searchStatus } from '../app/search-status';
import type { SearchContext } from '../config';
import { SearchAnswer, SearchQuerystring, SearchStatus } from './schemas';

export function searchRoutes(app: ServiceApp, ctx: SearchContext): void {
  app.get(
    '/api/v1/search',
    {
      schema: {
        summary: 'Search merchants, leads, places and visits within my data scope (text, geo, filters, facets)',
        querystring: SearchQuerystring,
        response: { 200: SearchAnswer },
      },
    },
    async (request) => search(ctx, callerOf(request), request.query),
  );

  app.get(
    '/api/v1/search/status',
    { schema: { summary: 'How current the search index is, per source service', response: { 200: SearchStatus } } },
    async (request) => searchStatus(ctx, callerOf(request)),
  );
}
