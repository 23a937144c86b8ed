import { clientSystem } from '@fieldops/geo';
import { accessFor, BadRequestError, ifMatch, type ServiceApp, versionedWrite } from '@fieldops/platform';
import { applyGeometry } from '../app/apply-geometry';
import type { AreaIndexHolder } from '../app/area-index-holder';
import { areaVisibility } from '../app/area-visibility';
import { geometryFromRequest } from '../app/geometry-input';
import { previewGeometry } from '../app/preview-geometry';
import type { AreaContext, AreaSettings } from '../config';
import { AreaPermission } from '../domain/permissions';
import type { AreaMoveSource } from '../moves/area-move-source';
import { ApplyBody, Area, CoordsOnlyQuery, IdParams, PreviewBody, PreviewResponse } from './schemas';

/** Polygon changes: preview what would move, then apply (the preview, or a geometry with If-Match). */
export function geometryRoutes(
  app: ServiceApp,
  ctx: AreaContext,
  index: AreaIndexHolder,
  sources: AreaMoveSource[],
  settings: AreaSettings,
): void {
  app.post(
    '/api/v1/areas/:id/geometry/preview',
    {
      schema: {
        operationId: 'previewAreaGeometry',
        summary: 'What a new polygon would move (places now; merchants and leads as their services arrive), before anything changes',
        params: IdParams,
        querystring: CoordsOnlyQuery,
        body: PreviewBody,
        response: { 200: PreviewResponse },
      },
    },
    async (request) => {
      const access = await accessFor(request, AreaPermission.write, areaVisibility(ctx));
      const geometry = geometryFromRequest(request.body.geometry, clientSystem(ctx.countries, access.caller, request.query.coords));
      return previewGeometry(ctx, access, index, sources, request.params.id, geometry, {
        ttlMs: settings.previewTtlMs,
        recordLimit: settings.previewRecordLimit,
      });
    },
  );

  app.post(
    '/api/v1/areas/:id/geometry/apply',
    {
      schema: {
        operationId: 'applyAreaGeometry',
        summary: 'Apply a previewed polygon ({previewId}), or a polygon sent with If-Match ({geometry})',
        params: IdParams,
        querystring: CoordsOnlyQuery,
        body: ApplyBody,
        response: { 200: Area },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, AreaPermission.write, areaVisibility(ctx));
      const coords = clientSystem(ctx.countries, access.caller, request.query.coords);
      const { previewId, geometry } = request.body;
      let input: Parameters<typeof applyGeometry>[4];
      if (previewId !== undefined) input = { previewId };
      else if (geometry !== undefined) {
        const hasIfMatch = request.headers['if-match'] !== undefined;
        input = {
          geometry: geometryFromRequest(geometry, coords),
          ifMatch: hasIfMatch ? ifMatch(request) : undefined,
        };
      } else throw new BadRequestError('Send a previewId, or a geometry with If-Match.');
      return versionedWrite(reply, applyGeometry(ctx, access, index, request.params.id, input, coords));
    },
  );
}
