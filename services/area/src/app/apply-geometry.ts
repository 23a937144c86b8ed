import type { CoordinateSystem } from '@fieldops/geo';
import { NotFoundError, PreconditionFailedError, PreconditionRequiredError, UnprocessableError } from '@fieldops/platform';
import type { AreaContext } from '../config';
import { type AreaRow, areaRepository } from '../db/area.repository';
import { previewRepository } from '../db/preview.repository';
import { type AreaGeometry, bboxOf } from '../domain/geometry';
import { areaEvents, rowBBox } from '../events/published';
import type { AreaIndexHolder } from './area-index-holder';
import { areaInScope } from './area-rules';
import { type AreaView, toAreaView } from './area-view';
import type { AreaAccess } from './area-visibility';
import { bumpIndexVersion } from './index-change';

/** Either a preview to confirm, or a geometry with the version it was made against (`If-Match`). */
export type ApplyGeometryInput = { previewId: string } | { geometry: AreaGeometry; ifMatch: ((current: number) => number) | undefined };

/**
 * Changes an area's polygon: the one a preview showed (if the area has not changed since), or one sent with
 * If-Match. `area.area.geometry-changed.v1` then lets every owner re-assign its own records.
 */
export async function applyGeometry(
  ctx: AreaContext,
  access: AreaAccess,
  holder: AreaIndexHolder,
  areaId: string,
  input: ApplyGeometryInput,
  coords: CoordinateSystem,
): Promise<AreaView> {
  const updated = await ctx.transact(async (trx, events) => {
    const area = await areaInScope(trx, access.scope, areaId);
    const now = ctx.clock.now();
    let geometry: AreaGeometry;
    let expected: number;
    if ('previewId' in input) {
      const preview = await previewRepository.find(trx, input.previewId);
      if (!preview || preview.area_id !== areaId) throw new NotFoundError('Geometry preview');
      if (preview.expires_at <= now) {
        throw new UnprocessableError('The preview has expired; preview the geometry again.', [
          { field: '/body/previewId', message: 'has expired' },
        ]);
      }
      if (Number(preview.area_version) !== Number(area.version)) {
        throw new PreconditionFailedError('The area has changed since this preview; preview the geometry again.');
      }
      geometry = JSON.parse(preview.geometry) as AreaGeometry;
      expected = Number(preview.area_version);
      await previewRepository.remove(trx, preview.id);
    } else {
      if (!input.ifMatch) throw new PreconditionRequiredError('Send If-Match with the ETag you read, or apply a preview.');
      expected = input.ifMatch(Number(area.version));
      geometry = input.geometry;
    }
    const [minLng, minLat, maxLng, maxLat] = bboxOf(geometry);
    const changes = {
      geometry: JSON.stringify(geometry),
      min_lng: minLng,
      min_lat: minLat,
      max_lng: maxLng,
      max_lat: maxLat,
      updated_at: now,
    };
    if (!(await areaRepository.update(trx, areaId, expected, changes))) throw new PreconditionFailedError();
    const row: AreaRow = { ...area, ...changes, version: expected + 1 };
    await bumpIndexVersion(ctx, trx);
    await events.append(areaEvents.geometryChanged(row, rowBBox(area), access.caller.userId));
    return row;
  });
  holder.markStale();
  return toAreaView(updated, coords);
}
