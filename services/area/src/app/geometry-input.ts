import { ValidationError } from '@fieldops/platform';
import type { AreaGeometry } from '../domain/geometry';
import { validateGeometry } from '../domain/geometry-validation';
import { type CoordinateSystem, geometryToWgs84 } from './coordinates';

/**
 * A geometry from a request: checked as the client sent it (so every problem names the client's own positions),
 * then converted to WGS-84 for storage. Invalid → 400 problem+json naming each bad place.
 */
export function geometryFromRequest(value: unknown, coords: CoordinateSystem, at = '/body/geometry'): AreaGeometry {
  const check = validateGeometry(value, at);
  if (!check.ok) {
    throw new ValidationError(
      check.problems,
      `The geometry is not valid: ${check.problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`,
    );
  }
  return geometryToWgs84(check.geometry, coords);
}
