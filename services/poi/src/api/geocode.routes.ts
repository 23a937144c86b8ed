import { requestCoordinates } from '@fieldops/geo';
import type { Principal, ServiceApp } from '@fieldops/platform';
import { accessFor } from '@fieldops/platform';
import { geocodeAddress, reverseGeocode } from '../app/geocode';
import type { PoiContext } from '../config';
import { PlacePermission } from '../domain/permissions';
import { placeScopes } from '../domain/place-scope';
import type { Geocoder } from '../geocoding/geocoder';
import { GeocodeQuery, GeocodeResults, ReverseQuery, ReverseResult } from './schemas';

/** `geocoderFor` picks the driver for a caller: the offline one asks the area service as them. */
export function geocodeRoutes(app: ServiceApp, ctx: PoiContext, geocoderFor: (caller: Principal) => Geocoder): void {
  app.get(
    '/api/v1/geocode',
    {
      schema: {
        operationId: 'geocode',
        summary: 'Where an address is (in my country unless country is given), best first',
        querystring: GeocodeQuery,
        response: { 200: GeocodeResults },
      },
    },
    async (request) => {
      const access = await accessFor(request, PlacePermission.read, placeScopes);
      const { coords, ...input } = request.query;
      return {
        items: await geocodeAddress(geocoderFor(access.caller), access, input, requestCoordinates(ctx.countries, access.caller, coords)),
      };
    },
  );

  app.get(
    '/api/v1/geocode/reverse',
    {
      schema: {
        operationId: 'reverseGeocode',
        summary: 'The address at a point (404 where none is known)',
        querystring: ReverseQuery,
        response: { 200: ReverseResult },
      },
    },
    async (request) => {
      const access = await accessFor(request, PlacePermission.read, placeScopes);
      const { coords, ...point } = request.query;
      return reverseGeocode(geocoderFor(access.caller), point, requestCoordinates(ctx.countries, access.caller, coords));
    },
  );
}
