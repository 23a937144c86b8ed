import { useTranslation } from 'react-i18next';
import { COLOURS, type MapPoint } from './map-view';

/** What the map's colours mean: the record kinds the page draws, and the territory outlines. */
export function MapLegend({ kinds }: { kinds: MapPoint['kind'][] }) {
  const { t } = useTranslation();
  return (
    <ul className="map-legend" aria-label={t('mapView.legend')}>
      {kinds.map((kind) => (
        <li key={kind}>
          <span className="legend-swatch" style={{ background: COLOURS[kind] }} aria-hidden="true" /> {t(`mapView.kinds.${kind}`)}
        </li>
      ))}
      <li>
        <span className="legend-outline" aria-hidden="true" /> {t('mapView.territory')}
      </li>
    </ul>
  );
}
