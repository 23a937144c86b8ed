import type { EdgeCoordinates } from '@fieldops/geo';
import { NotFoundError } from '@fieldops/platform';
import type { PlaceAccess } from '../domain/place-scope';
import type { GeocodeResult, Geocoder, ReverseResult } from '../geocoding/geocoder';

type InClientCoordinates<T> = T & { coords: EdgeCoordinates['system'] };

function forClient<T extends { lat: number; lng: number }>(result: T, edge: EdgeCoordinates): InClientCoordinates<T> {
  return { ...result, ...edge.toClient({ lat: result.lat, lng: result.lng }), coords: edge.system };
}

/** Where an address is: in `country` (the caller's own when left out), best first, in the client's coordinates. */
export async function geocodeAddress(
  geocoder: Geocoder,
  { caller }: PlaceAccess,
  input: { address: string; country?: string },
  edge: EdgeCoordinates,
): Promise<InClientCoordinates<GeocodeResult>[]> {
  const results = await geocoder.geocode(input.address, input.country ?? caller.country);
  return results.map((r) => forClient(r, edge));
}

/** What is at a point given in the client's coordinates; 404 where the geocoder knows nothing. */
export async function reverseGeocode(
  geocoder: Geocoder,
  input: { lat: number; lng: number },
  edge: EdgeCoordinates,
): Promise<InClientCoordinates<ReverseResult>> {
  const point = edge.toStored(input);
  const result = await geocoder.reverse(point.lat, point.lng);
  if (!result) throw new NotFoundError('Address');
  return forClient(result, edge);
}
