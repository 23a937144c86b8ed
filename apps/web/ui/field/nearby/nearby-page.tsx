import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { screenQuery } from '../../shared/api/graphql';
import { useFormat } from '../../shared/i18n/format';
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

const RADIUS_DEGREES = 0.009;

/** Merchants, leads and places within about a kilometre, nearest first. */
export function NearbyPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { position, error } = usePosition();
  // Rounded so that small moves of the device reuse the answer instead of asking again.
  const lat = position ? Math.round(position.lat * 1000) / 1000 : undefined;
  const lng = position ? Math.round(position.lng * 1000) / 1000 : undefined;
  const nearby = useQuery({
    queryKey: ['nearby', lat, lng],
    enabled: lat !== undefined && lng !== undefined,
    queryFn: () => {
      const dLng = RADIUS_DEGREES / Math.cos(((lat ?? 0) * Math.PI) / 180);
      const bbox = {
        west: (lng ?? 0) - dLng,
        east: (lng ?? 0) + dLng,
        south: (lat ?? 0) - RADIUS_DEGREES,
        north: (lat ?? 0) + RADIUS_DEGREES,
      };
      return screenQuery<{ map: { records: NearbyRecord[] } }>('Map', { bbox, zoom: 15, layers: ['MERCHANTS', 'LEADS', 'PLACES'] });
    },
  });
  const records = position
    ? [...(nearby.data?.map.records ?? [])].sort((a, b) => metresBetween(position, a) - metresBetween(position, b)).slice(0, 50)
    : [];
  const points: MapPoint[] = [
    ...records.map((record) => ({ id: record.id, kind: record.kind, lng: record.lng, lat: record.lat })),
    ...(position ? [{ id: 'me', kind: 'me' as const, lng: position.lng, lat: position.lat }] : []),
  ];
  return (
    <section>
      <h1>{t('field.nearby.title')}</h1>
      {!position && <p>{error ?? t('field.locating')}</p>}
      <StatusLine loading={nearby.isPending && position !== undefined} error={nearby.error} />
      {position && (
        <MapView
          label={t('field.nearby.title')}
          center={[position.lng, position.lat]}
          zoom={15}
          points={points}
          className="map map-phone"
        />
      )}
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
