import { MerchantService, PoiService } from '@fieldops/contracts';
import { asCaller, type RpcClients, ValidationError } from '@fieldops/platform';
import type { ResolverContext } from './bff-context';
import { CLUSTER_ABOVE, clusterRecords, type MapClusterView, type MapRecordView } from './map-clusters';
import type { LeadView } from './views';

interface BBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

type Layer = 'MERCHANTS' | 'LEADS' | 'PLACES';

const MAX_PER_LAYER = 200;
const MAX_PLACES = 1000;
const MAX_RADIUS_M = 50_000;

function inside(box: BBox, lat: number, lng: number): boolean {
  return lat >= box.south && lat <= box.north && lng >= box.west && lng <= box.east;
}

/** Metres from the box's centre to its corner (equirectangular; plenty for a screen-sized box). */
function halfDiagonalMetres(box: BBox): number {
  const midLat = ((box.south + box.north) / 2) * (Math.PI / 180);
  const dx = ((box.east - box.west) / 2) * 111_320 * Math.cos(midLat);
  const dy = ((box.north - box.south) / 2) * 110_540;
  return Math.hypot(dx, dy);
}

/** An ISO 3166-1 alpha-2 code, or nothing: the services filter by it beside the caller's scope. */
function countryOf(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!/^[A-Z]{2}$/.test(value)) {
    const message = 'country must be an ISO 3166-1 alpha-2 code, e.g. BR';
    throw new ValidationError([{ field: 'country', message }], message);
  }
  return value;
}

/**
 * The map's data: one RPC or REST read per layer, then dots, or clusters for a layer the box holds too many of.
 * A country narrows merchants and leads to that country's; the services apply it beside the caller's scope, so a
 * country outside the scope draws nothing.
 */
export function mapResolvers(rpc: RpcClients) {
  return {
    map: async (
      _root: unknown,
      args: { bbox: BBox; zoom: number; layers?: Layer[] | null; country?: string | null },
      ctx: ResolverContext,
    ) => {
      const { bbox, zoom } = args;
      const country = countryOf(args.country);
      const layers = new Set<Layer>(args.layers ?? ['MERCHANTS', 'LEADS']);
      const options = asCaller(ctx.token);
      const reads: Promise<MapRecordView[]>[] = [];
      if (layers.has('MERCHANTS')) {
        reads.push(
          rpc
            .client(MerchantService)
            .nearby(
              {
                lat: (bbox.south + bbox.north) / 2,
                lng: (bbox.west + bbox.east) / 2,
                radiusM: Math.min(MAX_RADIUS_M, Math.max(1, halfDiagonalMetres(bbox))),
                limit: MAX_PER_LAYER,
                country,
              },
              options,
            )
            .then(({ items }) =>
              items.flatMap(({ merchant }) =>
                merchant
                  ? [
                      {
                        kind: 'merchant' as const,
                        id: merchant.id,
                        title: merchant.brandName || merchant.legalName,
                        lat: merchant.lat,
                        lng: merchant.lng,
                        status: merchant.status,
                      },
                    ]
                  : [],
              ),
            ),
        );
      }
      if (layers.has('LEADS')) {
        reads.push(
          ctx.rest.get<{ items: LeadView[] }>(`/api/v1/leads?${leadQuery(country)}`).then(({ items }) =>
            items.map((lead) => ({
              kind: 'lead' as const,
              id: lead.id,
              title: lead.name,
              lat: lead.lat,
              lng: lead.lng,
              status: lead.stage,
            })),
          ),
        );
      }
      if (layers.has('PLACES')) {
        reads.push(
          rpc
            .client(PoiService)
            .placesInBoundingBox(
              { minLat: bbox.south, minLng: bbox.west, maxLat: bbox.north, maxLng: bbox.east, limit: MAX_PLACES },
              options,
            )
            .then(({ places }) =>
              places.map((place) => ({ kind: 'place' as const, id: place.id, title: '', lat: place.lat, lng: place.lng, status: null })),
            ),
        );
      }
      // Each layer on its own: a thousand places in view cluster, and the merchants among them are still listed.
      const records: MapRecordView[] = [];
      const clusters: MapClusterView[] = [];
      for (const layer of await Promise.all(reads)) {
        const inView = layer.filter((record) => inside(bbox, record.lat, record.lng));
        if (inView.length > CLUSTER_ABOVE) clusters.push(...clusterRecords(inView, zoom));
        else records.push(...inView);
      }
      return { records: await withPlaceNames(records, ctx), clusters, clustered: clusters.length > 0 };
    },
  };
}

function leadQuery(country: string | undefined): URLSearchParams {
  const query = new URLSearchParams({ limit: String(MAX_PER_LAYER), coords: 'WGS84' });
  if (country) query.set('country', country);
  return query;
}

/** Places come from the box query as bare positions; their names arrive in one batch. */
async function withPlaceNames(records: MapRecordView[], ctx: ResolverContext): Promise<MapRecordView[]> {
  return Promise.all(
    records.map(async (record) => {
      if (record.kind !== 'place') return record;
      const place = await ctx.loaders.places.load(record.id);
      return { ...record, title: place?.name ?? '' };
    }),
  );
}
