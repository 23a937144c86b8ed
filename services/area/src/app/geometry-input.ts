import { type CoordinateSystem, edgeCoordinates } from '@fieldops/geo';
import { ValidationError } from '@fieldops/platform';
import { type AreaGeometry, geometryToStored } from '../domain/geometry';
import { validateGeometry } from '../domain/geometry-validation';

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
  return geometryToStored(check.geometry, edgeCoordinates(coords));
}
