import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf, rest } from '../../shared/api/client';
import { useFormat } from '../../shared/i18n/format';
import { homeView } from '../../shared/map/home-view';
import { MapLegend } from '../../shared/map/map-legend';
import { type LngLat, MapView } from '../../shared/map/map-view';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import type { SegmentFilters } from './campaign-data';

const DEBOUNCE_MS = 400;

/** A value that follows `value` once it has stopped changing for `ms`: the count is asked for once typing pauses. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** How many merchants the segment holds now, live as the filters change, with a sample of them on the map. */
export function SegmentPreviewPanel({ filters }: { filters: SegmentFilters }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const settled = useDebounced(JSON.stringify(filters), DEBOUNCE_MS);
  const preview = useQuery({
    queryKey: ['segment-preview', settled],
    queryFn: () => answerOf(rest.POST('/api/v1/campaigns/segment-preview', { body: { filters: JSON.parse(settled) as SegmentFilters } })),
    placeholderData: (previous) => previous,
  });
  const sample = preview.data?.sample ?? [];
  const fit: LngLat[] = sample.map((m): LngLat => [m.lng, m.lat]);
  const counting = preview.isFetching || settled !== JSON.stringify(filters);
  return (
    <section className="segment-preview" aria-labelledby="segment-count">
      <p id="segment-count" className="segment-count" aria-live="polite">
        {preview.data ? t('campaigns.segment.count', { number: format.number(preview.data.count) }) : ''}
        {counting && <span className="muted"> {t('campaigns.segment.counting')}</span>}
      </p>
      <StatusLine error={preview.error} />
      <MapView
        label={t('campaigns.segment.map')}
        center={homeView(session.country)}
        zoom={11}
        points={sample.map((m) => ({ id: m.merchantId, kind: 'merchant' as const, lng: m.lng, lat: m.lat }))}
        fit={fit}
        className="map campaign-map"
      >
        <MapLegend kinds={['merchant']} />
      </MapView>
      {sample.length > 0 && (
        <details>
          <summary>{t('campaigns.segment.sample')}</summary>
          <ul className="segment-sample">
            {sample.map((m) => (
              <li key={m.merchantId}>
                {m.name}
                <span className="muted">
                  {' '}
                  · {m.areaPath ?? '—'} · {m.ownerName ?? '—'}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
