import { type CoordinateSystem, requestCoordinates, roundMetres } from '@fieldops/geo';
import { accessFor, ifMatch, type ServiceApp, setEtag, versionedWrite } from '@fieldops/platform';
import { createPlace } from '../app/create-place';
import { findDuplicates } from '../app/find-duplicates';
import { findNearby } from '../app/find-nearby';
import { getPlace } from '../app/get-place';
import { mergePlaces } from '../app/merge-places';
import { toPlaceView } from '../app/place-view';
import { updatePlace } from '../app/update-place';
import type { PoiContext } from '../config';
import { PlacePermission } from '../domain/permissions';
import type { PlaceAccess } from '../domain/place-scope';
import { placeScopes } from '../domain/place-scope';
import {
  CoordsQuery,
  CreatePlaceBody,
  Duplicates,
  DuplicatesBody,
  IdParams,
  MergeBody,
  MergeResult,
  NearbyPage,
  NearbyQuery,
  Place,
  UpdatePlaceBody,
} from './schemas';

export function placeRoutes(app: ServiceApp, ctx: PoiContext): void {
  const edge = (access: PlaceAccess, coords: CoordinateSystem | undefined) => requestCoordinates(ctx.countries, access.caller, coords);

  app.get(
    '/api/v1/places/nearby',
    {
      schema: {
        operationId: 'listNearbyPlaces',
        summary: 'Active places near a point, nearest first (distance in metres, then id), of my country',
        querystring: NearbyQuery,
        response: { 200: NearbyPage },
      },
    },
    async (request) => {
      const access = await accessFor(request, PlacePermission.read, placeScopes);
      const { coords, ...input } = request.query;
      return findNearby(ctx, access, input, edge(access, coords));
    },
  );

  app.post(
    '/api/v1/places/duplicates',
    {
      schema: {
        operationId: 'findDuplicatePlaces',
        summary: 'Places that may be the one described (name, phone, distance), best first; ask before creating one',
        querystring: CoordsQuery,
        body: DuplicatesBody,
        response: { 200: Duplicates },
      },
    },
    async (request) => {
      const access = await accessFor(request, PlacePermission.read, placeScopes);
      const coordinates = edge(access, request.query.coords);
      const candidates = await findDuplicates(ctx, access, request.body, coordinates);
      return {
        candidates: candidates.map((c) => ({
          place: toPlaceView(c.row, coordinates),
          score: c.score,
          reasons: c.reasons,
          distance: roundMetres(c.distance),
        })),
      };
    },
  );

  app.post(
    '/api/v1/places',
    {
      schema: {
        operationId: 'createPlace',
        summary: 'Create a place',
        querystring: CoordsQuery,
        body: CreatePlaceBody,
        response: { 201: Place },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, PlacePermission.write, placeScopes);
      const place = await createPlace(ctx, access, request.body, edge(access, request.query.coords));
      setEtag(reply, place.version);
      return reply.code(201).header('location', `/api/v1/places/${place.id}`).send(place);
    },
  );

  app.get(
    '/api/v1/places/:id',
    {
      schema: {
        operationId: 'getPlace',
        summary: 'A place; a merged one answers with mergedInto, the place to follow',
        params: IdParams,
        querystring: CoordsQuery,
        response: { 200: Place },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, PlacePermission.read, placeScopes);
      return versionedWrite(reply, getPlace(ctx, access, request.params.id, edge(access, request.query.coords)));
    },
  );

  app.patch(
    '/api/v1/places/:id',
    {
      schema: {
        operationId: 'updatePlace',
        summary: 'Change a place (send If-Match with the ETag you read to avoid overwriting a concurrent change)',
        params: IdParams,
        querystring: CoordsQuery,
        body: UpdatePlaceBody,
        response: { 200: Place },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, PlacePermission.write, placeScopes);
      const coordinates = edge(access, request.query.coords);
      return versionedWrite(reply, updatePlace(ctx, access, request.params.id, request.body, coordinates, ifMatch(request)));
    },
  );

  app.post(
    '/api/v1/places/:id/merge',
    {
      schema: {
        operationId: 'mergePlace',
        summary: 'Merge a duplicate (loserId) into this place: the loser becomes merged and points here',
        params: IdParams,
        querystring: CoordsQuery,
        body: MergeBody,
        response: { 200: MergeResult },
      },
    },
    async (request) => {
      const access = await accessFor(request, PlacePermission.write, placeScopes);
      const { loserId, loserVersion } = request.body;
      return mergePlaces(ctx, access, request.params.id, loserId, loserVersion, edge(access, request.query.coords));
    },
  );
}
