import { requestCoordinates } from '@fieldops/geo';
import { AppError, accessFor, asCaller, type ServiceApp } from '@fieldops/platform';
import { bulkAssign } from '../app/bulk-assign';
import { importLeads } from '../app/import-leads';
import type { LeadsContext } from '../config';
import { LeadPermission } from '../domain/permissions';
import { BulkAssignBody, BulkAssignReport, ImportQuery, ImportReport } from './schemas';

/** The largest CSV file `POST /api/v1/leads/import` takes. */
const CSV_LIMIT_BYTES = 20 * 1024 * 1024;

/** Bulk entry paths: CSV import and assignment by rule. Registered in the leads routes' own context. */
export function bulkRoutes(app: ServiceApp, ctx: LeadsContext): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_LIMIT_BYTES }, (_request, body, done) => done(null, body));

  app.post(
    '/api/v1/leads/import',
    {
      bodyLimit: CSV_LIMIT_BYTES,
      schema: {
        operationId: 'importLeads',
        summary:
          'Import leads from a CSV (text/csv; columns name, phone, address, category, lat, lng): each row through the capture path, reported as created, merged or rejected',
        querystring: ImportQuery,
        response: { 200: ImportReport },
      },
    },
    async (request) => {
      const { caller } = await accessFor(request, LeadPermission.write, ctx.scopes);
      const edge = requestCoordinates(ctx.countries, caller, request.query.coords);
      if (typeof request.body !== 'string') throw new AppError(415, 'Unsupported media type', 'Send the file as text/csv.');
      const text = request.body;
      const self = request.query.assignTo === 'self';
      return importLeads(
        ctx,
        {
          actor: caller.userId,
          country: caller.country,
          agencyId: caller.agencyId,
          owner: self ? { userId: caller.userId, orgUnitId: caller.orgUnitId, agencyId: caller.agencyId, roles: caller.roles } : null,
          callAs: async () => asCaller(caller.token),
          toStored: edge.toStored,
        },
        text,
      );
    },
  );

  app.post(
    '/api/v1/leads/assign',
    {
      schema: {
        operationId: 'assignLeads',
        summary: 'Assign many leads by a rule: by area (who covers the point), round-robin or least-loaded over repIds',
        body: BulkAssignBody,
        response: { 200: BulkAssignReport },
      },
    },
    async (request) => bulkAssign(ctx, await accessFor(request, LeadPermission.assign, ctx.scopes), request.body),
  );
}
