import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { screenQuery } from '../../shared/api/graphql';
import { useFormat } from '../../shared/i18n/format';
import { MapLegend } from '../../shared/map/map-legend';
import { type MapPoint, MapView } from '../../shared/map/map-view';
import { StatusLine } from '../../shared/status-line';
import { metresBetween, usePosition } from '../offline/use-position';
import { visitLink } from '../visit/visit-link';

interface NearbyRecord {
  kind: 'merchant' | 'lead' | 'place';
  id: string;
  title: string;
  lat: number;
  lng: number;
  status: string | null;
}

interface NearbyAnswer {
  map: { records: NearbyRecord[]; clusters: { kind: string; lat: number; lng: number; count: number }[] };
}

/** About a kilometre around the rep; places are asked again within a few hundred metres when they crowd that. */
const RADIUS_DEGREES = 0.009;
const PLACES_RADIUS_DEGREES = 0.0025;

function boxAround(lat: number, lng: number, radius: number) {
  const dLng = radius / Math.cos((lat * Math.PI) / 180);
  return { west: lng - dLng, east: lng + dLng, south: lat - radius, north: lat + radius };
}

/**
 * Merchants, leads and places around the rep, nearest first. The map query clusters a layer that is too dense
 * to list (places in a city centre): its clusters are drawn, and the nearest of its records are asked for in a
 * smaller box, so the list still has them.
 */
async function nearby(lat: number, lng: number): Promise<NearbyAnswer['map']> {
  const wide = await screenQuery<NearbyAnswer>('Map', {
    bbox: boxAround(lat, lng, RADIUS_DEGREES),
    zoom: 15,
    layers: ['MERCHANTS', 'LEADS', 'PLACES'],
  });
  if (!wide.map.clusters.some((cluster) => cluster.kind === 'place')) return wide.map;
  const close = await screenQuery<NearbyAnswer>('Map', { bbox: boxAround(lat, lng, PLACES_RADIUS_DEGREES), zoom: 17, layers: ['PLACES'] });
  return {
    records: [...wide.map.records, ...close.map.records],
    clusters: close.map.clusters.length > 0 ? close.map.clusters : wide.map.clusters,
  };
}

/** Merchants, leads and places within about a kilometre, nearest first. */
export function NearbyPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { position, error } = usePosition();
  // Rounded so that small moves of the device reuse the answer instead of asking again.
  const lat = position ? Math.round(position.lat * 1000) / 1000 : undefined;
  const lng = position ? Math.round(position.lng * 1000) / 1000 : undefined;
  const answer = useQuery({
    queryKey: ['nearby', lat, lng],
    enabled: lat !== undefined && lng !== undefined,
    queryFn: () => nearby(lat ?? 0, lng ?? 0),
  });
  const records = position
    ? [...(answer.data?.records ?? [])].sort((a, b) => metresBetween(position, a) - metresBetween(position, b)).slice(0, 50)
    : [];
  const points: MapPoint[] = [
    ...(answer.data?.clusters ?? []).map((cluster, index) => ({
      id: `cluster-${index}`,
      kind: 'cluster' as const,
      lng: cluster.lng,
      lat: cluster.lat,
      count: cluster.count,
    })),
    ...records.map((record) => ({ id: record.id, kind: record.kind, lng: record.lng, lat: record.lat })),
    ...(position ? [{ id: 'me', kind: 'me' as const, lng: position.lng, lat: position.lat }] : []),
  ];
  return (
    <section>
      <h1>{t('field.nearby.title')}</h1>
      {!position && <p>{error ?? t('field.locating')}</p>}
      <StatusLine loading={answer.isPending && position !== undefined} error={answer.error} />
      {position && (
        <MapView label={t('field.nearby.title')} center={[position.lng, position.lat]} zoom={15} points={points} className="map map-phone">
          <MapLegend kinds={['me', 'merchant', 'lead', 'place', 'cluster']} />
        </MapView>
      )}
      {answer.data && records.length === 0 && <p className="map-empty">{t('field.nearby.empty')}</p>}
      <ul className="stops" aria-label={t('field.nearby.list')}>
        {records.map((record) => (
          <li key={`${record.kind}-${record.id}`} className="card">
            <strong>{record.title || t('field.kinds.place')}</strong>
            <small>
              {t(`field.kinds.${record.kind}`)} · {position && format.distance(metresBetween(position, record))}
            </small>
            <div className="actions">
              <Link
                className="button"
                to={visitLink({ type: record.kind, id: record.id, name: record.title, lat: record.lat, lng: record.lng })}
              >
                {t('field.visit.checkIn')}
              </Link>
              {record.kind === 'place' && (
                <Link className="button secondary" to={`/new-lead?${new URLSearchParams({ name: record.title })}`}>
                  {t('field.nearby.newLeadHere')}
                </Link>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
