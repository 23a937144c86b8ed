import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { screenQuery } from '../../shared/api/graphql';
import { Field } from '../../shared/forms/field';
import { homeView } from '../../shared/map/home-view';
import { useCountryCentre } from '../../shared/map/map-config';
import { MapLegend } from '../../shared/map/map-legend';
import { type BBox, type MapPoint, MapView } from '../../shared/map/map-view';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import { useCountryChoice } from '../records/country-choice';
import { CountrySelect } from '../records/country-select';
import { RecordPopup } from './record-popup';

interface MapRecord {
  kind: 'merchant' | 'lead' | 'place';
  id: string;
  title: string;
  lat: number;
  lng: number;
  status: string | null;
}

interface MapAnswer {
  map: { clustered: boolean; records: MapRecord[]; clusters: { kind: string; lat: number; lng: number; count: number }[] };
}

const LAYERS = ['merchant', 'lead'] as const;

/**
 * Merchants and leads on the map beside their list: the map's view decides what the list shows, and the list's
 * filters (kind, text) decide what the map draws; picking a row or a dot selects it in both. Someone who sees
 * several countries picks one (the same choice as the lists'): the map moves to it and draws only its records.
 */
export function MapPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [view, setView] = useState<{ bbox: BBox; zoom: number } | undefined>();
  const [kinds, setKinds] = useState<Set<string>>(new Set(LAYERS));
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<string | undefined>();
  const countryChoice = useCountryChoice();
  const country = countryChoice.country || undefined;
  const countryCentre = useCountryCentre(country);
  const data = useQuery({
    queryKey: ['map', view, country],
    enabled: view !== undefined,
    placeholderData: (previous) => previous,
    queryFn: () => {
      const [west, south, east, north] = view?.bbox ?? [0, 0, 0, 0];
      return screenQuery<MapAnswer>('Map', {
        bbox: { west, south, east, north },
        zoom: view?.zoom ?? 12,
        layers: ['MERCHANTS', 'LEADS'],
        country,
      });
    },
  });
  const needle = text.trim().toLowerCase();
  const records = (data.data?.map.records ?? []).filter((r) => kinds.has(r.kind) && (!needle || r.title.toLowerCase().includes(needle)));
  const clusters = (data.data?.map.clusters ?? []).filter((c) => kinds.has(c.kind));
  const points: MapPoint[] = [
    ...records.map((r) => ({ id: r.id, kind: r.kind, lng: r.lng, lat: r.lat, selected: r.id === selected })),
    ...clusters.map((c, index) => ({ id: `cluster-${index}`, kind: 'cluster' as const, lng: c.lng, lat: c.lat, count: c.count })),
  ];
  const chosen = records.find((record) => record.id === selected);
  const loaded = data.data !== undefined && !data.isFetching;
  const empty = loaded && records.length === 0 && clusters.length === 0;
  const toggleKind = (kind: string) =>
    setKinds((current) => {
      const next = new Set(current);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });

  return (
    <section>
      <h1>{t('map.title')}</h1>
      <div className="toolbar">
        {LAYERS.map((kind) => (
          <label key={kind}>
            <input type="checkbox" checked={kinds.has(kind)} onChange={() => toggleKind(kind)} /> {t(`map.layers.${kind}`)}
          </label>
        ))}
        <Field label={t('common.search')} type="search" value={text} onChange={(event) => setText(event.target.value)} />
        <CountrySelect
          countries={countryChoice.countries}
          country={countryChoice.country}
          onChoose={(next) => {
            setSelected(undefined);
            countryChoice.choose(next);
          }}
        />
      </div>
      <div className="split">
        <div className="map-list">
          <StatusLine loading={data.isPending && view !== undefined} error={data.error} />
          {data.data?.map.clustered && <p className="warning">{t('map.clustered')}</p>}
          <p>{t('map.inView', { count: records.length })}</p>
          {empty && <p className="map-empty">{t('map.empty')}</p>}
          <ul aria-label={t('map.list')}>
            {records.map((record) => (
              <li key={record.id} aria-current={record.id === selected ? 'true' : undefined}>
                <button type="button" className="link" onClick={() => setSelected(record.id)}>
                  <span className={`dot dot-${record.kind}`} aria-hidden="true" /> {record.title}
                </button>{' '}
                <Link to={`/${record.kind === 'merchant' ? 'merchants' : 'leads'}/${record.id}`}>{t('map.open')}</Link>
              </li>
            ))}
          </ul>
        </div>
        <MapView
          label={t('map.title')}
          center={countryCentre ?? homeView(session.country)}
          zoom={12}
          points={points}
          onBoundsChange={(bbox, zoom) => setView({ bbox, zoom })}
          onPointClick={(point) => point.kind !== 'cluster' && setSelected(point.id)}
          popup={
            chosen && { lng: chosen.lng, lat: chosen.lat, content: <RecordPopup record={chosen} />, onClose: () => setSelected(undefined) }
          }
          className="map map-tall"
        >
          <MapLegend kinds={['merchant', 'lead', 'cluster']} />
        </MapView>
      </div>
    </section>
  );
}
