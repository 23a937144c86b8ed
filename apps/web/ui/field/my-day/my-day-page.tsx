import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { screenQuery } from '../../shared/api/graphql';
import { useFormat } from '../../shared/i18n/format';
import { homeView } from '../../shared/map/home-view';
import { useMapConfig } from '../../shared/map/map-config';
import { MapLegend } from '../../shared/map/map-legend';
import { type LngLat, type MapMarker, type MapPoint, MapView } from '../../shared/map/map-view';
import { navigationLink } from '../../shared/map/navigation-link';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import { metresBetween, usePosition } from '../offline/use-position';
import { visitLink } from '../visit/visit-link';
import { keepVisitTemplates } from '../visit/visit-template';

interface Target {
  id: string;
  type: 'merchant' | 'lead' | 'place';
  name: string;
  lat: number;
  lng: number;
  address: string;
}

interface PlannedMerchant {
  id: string;
  brandName: string;
  legalName: string;
  lat: number;
  lng: number;
  address: string;
}

/** A merchant as a stop of the day: named by its brand when it has one. */
function merchantTarget(m: PlannedMerchant): Target {
  return { id: m.id, type: 'merchant', name: m.brandName || m.legalName, lat: m.lat, lng: m.lng, address: m.address };
}

interface MyDay {
  myDay: {
    date: string;
    plan: {
      sequence: number;
      targetType: Target['type'];
      targetId: string;
      targetName: string;
      lat: number;
      lng: number;
      visited: boolean;
      merchant: PlannedMerchant | null;
      lead: Omit<Target, 'type'> | null;
    }[];
    merchants: PlannedMerchant[];
    leads: { id: string; name: string; lat: number; lng: number; address: string }[];
    lastVisits: { id: string; targetName: string; verification: string; checkedInAt: string }[];
  };
}

/** The day's stops: the plan when there is one, else my merchants and leads, nearest first, with the route on a map. */
export function MyDayPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const { position } = usePosition();
  const day = useQuery({ queryKey: ['my-day'], queryFn: () => screenQuery<MyDay>('MyDay'), networkMode: 'offlineFirst' });
  const data = day.data?.myDay;
  useEffect(keepVisitTemplates, []);
  // The plan names and places each stop itself; the merchant or lead behind it adds the address.
  const planned: (Target & { visited?: boolean })[] = (data?.plan ?? []).map((stop) => ({
    id: stop.targetId,
    type: stop.targetType,
    name: stop.targetName,
    lat: stop.lat,
    lng: stop.lng,
    address: stop.merchant?.address ?? stop.lead?.address ?? '',
    visited: stop.visited,
  }));
  const own: Target[] = [
    ...(data?.merchants ?? []).map(merchantTarget),
    ...(data?.leads ?? []).map((l) => ({ id: l.id, type: 'lead' as const, name: l.name, lat: l.lat, lng: l.lng, address: l.address })),
  ];
  const here = position ?? undefined;
  const targets: (Target & { visited?: boolean })[] =
    planned.length > 0
      ? planned
      : here
        ? [...own].sort((a, b) => metresBetween(here, a) - metresBetween(here, b)).slice(0, 10)
        : own.slice(0, 10);
  const mapConfig = useMapConfig();
  // Stops in visit order: the first one not yet visited is the next.
  const next = targets.find((target) => !target.visited);
  const stateOf = (target: (typeof targets)[number]) => (target.visited ? 'done' : target === next ? 'next' : 'later');
  const route: LngLat[] = [...(here ? [[here.lng, here.lat] as LngLat] : []), ...targets.map((target): LngLat => [target.lng, target.lat])];
  const markers: MapMarker[] = targets.map((target, index) => ({
    id: `${target.type}-${target.id}`,
    lng: target.lng,
    lat: target.lat,
    text: String(index + 1),
    className: `stop-marker stop-${target.type} stop-${stateOf(target)}`,
    title: t('field.myDay.stopTitle', { number: index + 1, name: target.name }),
  }));
  // Framed on the stops alone, so the rep's moving position does not reframe the map at every step.
  const stopsInView: LngLat[] = targets.length > 0 ? targets.map((target): LngLat => [target.lng, target.lat]) : route;
  const points: MapPoint[] = here ? [{ id: 'me', kind: 'me' as const, lng: here.lng, lat: here.lat }] : [];
  const centre: LngLat = here ? [here.lng, here.lat] : homeView(session.country);

  return (
    <section>
      <h1>{t('field.myDay.title')}</h1>
      <StatusLine loading={day.isPending} error={day.error} />
      {data && <p>{planned.length > 0 ? t('field.myDay.planned', { count: planned.length }) : t('field.myDay.noPlan')}</p>}
      <MapView
        label={t('field.myDay.route')}
        center={centre}
        zoom={13}
        points={points}
        markers={markers}
        line={route}
        fit={stopsInView}
        className="map map-phone"
      >
        <MapLegend kinds={['me', 'merchant', 'lead']} />
      </MapView>
      <ol className="stops" aria-label={t('field.myDay.stops')}>
        {targets.map((target, index) => (
          <li
            key={`${target.type}-${target.id}`}
            className={`card stop-${stateOf(target)}`}
            aria-current={target === next ? 'step' : undefined}
          >
            <strong>
              <span className={`stop-marker stop-inline stop-${target.type} stop-${stateOf(target)}`} aria-hidden="true">
                {index + 1}
              </span>{' '}
              {target.name}
            </strong>
            <small>
              {t(`field.kinds.${target.type}`)}
              {here && ` · ${format.distance(metresBetween(here, target))}`}
              {target.address && ` · ${target.address}`}
              {target.visited && ` · ${t('field.myDay.visited')}`}
              {target === next && ` · ${t('field.myDay.next')}`}
            </small>
            <div className="stop-actions">
              <Link className="button" to={visitLink(target)}>
                {t('field.visit.checkIn')}
              </Link>
              <a className="button secondary" href={navigationLink(mapConfig, target)}>
                {t('field.myDay.navigate')}
              </a>
            </div>
          </li>
        ))}
      </ol>
      {data && data.lastVisits.length > 0 && (
        <>
          <h2>{t('field.myDay.lastVisits')}</h2>
          <ul>
            {data.lastVisits.map((visit) => (
              <li key={visit.id}>
                {format.dateTime(visit.checkedInAt)} · <Link to={`/visits/${visit.id}`}>{visit.targetName}</Link> ·{' '}
                {t(`visits.verification.${visit.verification}`, visit.verification)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
