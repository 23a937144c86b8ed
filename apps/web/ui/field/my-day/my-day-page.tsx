import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../shared/i18n/format';
import { homeView } from '../../shared/map/home-view';
import { useMapConfig } from '../../shared/map/map-config';
import { MapLegend } from '../../shared/map/map-legend';
import { type LngLat, type MapMarker, type MapPoint, MapView } from '../../shared/map/map-view';
import { navigationLink } from '../../shared/map/navigation-link';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import { CampaignTasksList } from '../campaigns/campaign-tasks-list';
import { metresBetween, usePosition } from '../offline/use-position';
import { ServerOpenVisitNotice } from '../visit/server-open-visit';
import { visitLink } from '../visit/visit-link';
import { keepVisitTemplates } from '../visit/visit-template';
import { type DayStop, dayStops, merchantStop } from './day-stops';
import { useMyDay } from './my-day-query';

/**
 * The day's stops: the plan when there is one, else my merchants and leads, nearest first, and the merchants of my
 * tickets due today, numbered in one list with the route on a map.
 */
export function MyDayPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const { position } = usePosition();
  const day = useMyDay();
  const data = day.data?.myDay;
  useEffect(keepVisitTemplates, []);
  // The plan names and places each stop itself; the merchant or lead behind it adds the address.
  const planned: DayStop[] = (data?.plan ?? []).map((stop) => ({
    id: stop.targetId,
    type: stop.targetType,
    name: stop.targetName,
    lat: stop.lat,
    lng: stop.lng,
    address: stop.merchant?.address ?? stop.lead?.address ?? '',
    visited: stop.visited,
    tickets: [],
  }));
  const own: DayStop[] = [
    ...(data?.merchants ?? []).map(merchantStop),
    ...(data?.leads ?? []).map((l) => ({
      id: l.id,
      type: 'lead' as const,
      name: l.name,
      lat: l.lat,
      lng: l.lng,
      address: l.address,
      tickets: [],
    })),
  ];
  const here = position ?? undefined;
  const nearest = here ? [...own].sort((a, b) => metresBetween(here, a) - metresBetween(here, b)) : own;
  const targets = dayStops(planned, nearest, data?.tickets ?? []);
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
      <ServerOpenVisitNotice />
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
            {target.tickets.map(({ due, ticket }) => (
              <small key={ticket.id} className="stop-ticket">
                <Link to={`/tickets/${ticket.id}`}>{t('fieldTickets.onStop', { title: ticket.title })}</Link>{' '}
                <span className={`badge due-${due}`}>{t(`fieldTickets.due.${due}`)}</span>
                {ticket.slaBreachAt && ` ${t('fieldTickets.dueAt', { time: format.dateTime(ticket.slaBreachAt) })}`}
              </small>
            ))}
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
      <CampaignTasksList />
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
