import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import type { AreaPreview } from '../../shared/data/records';
import { FormError, SelectField } from '../../shared/forms/field';
import { useFormat } from '../../shared/i18n/format';
import { WGS84 } from '../../shared/map/coordinates';
import { homeView } from '../../shared/map/home-view';
import { type LngLat, MapView } from '../../shared/map/map-view';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import { closedRing, editableCorners, outerRings, VertexHandles } from './polygon-drawing';

/**
 * The area editor: pick an area, draw its new polygon on the map (click to add a corner, drag a corner to move
 * it), see what the change would move to and from which areas, then apply exactly that preview.
 */
export function AreasPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const queries = useQueryClient();
  const areas = useQuery({
    queryKey: ['areas-with-geometry'],
    queryFn: () => answerOf(rest.GET('/api/v1/areas', { params: { query: { geometry: true, limit: 200, ...WGS84 } } })),
  });
  // `?area=` opens the editor on an area (its own page links here).
  const [params] = useSearchParams();
  const [areaId, setAreaId] = useState<string | undefined>(params.get('area') ?? undefined);
  // Only whoever may change areas is offered the editor's buttons; everyone else reads.
  const mayEdit = session.can('area:write');
  const [drawing, setDrawing] = useState(false);
  const [vertices, setVertices] = useState<LngLat[]>([]);
  const [preview, setPreview] = useState<AreaPreview | undefined>();
  const [mapReady, setMapReady] = useState(false);
  const [applied, setApplied] = useState<string | undefined>();
  const map = useRef<MapLibreMap | undefined>(undefined);
  const handles = useRef<VertexHandles | undefined>(undefined);
  const area = areas.data?.items.find((candidate) => candidate.id === areaId);

  const previewMutation = useMutation({
    mutationFn: () =>
      answerOf(
        rest.POST('/api/v1/areas/{id}/geometry/preview', {
          params: { path: { id: areaId ?? '' }, query: WGS84 },
          body: { geometry: { type: 'Polygon', coordinates: [closedRing(vertices)] } },
        }),
      ),
    onSuccess: setPreview,
  });
  const applyMutation = useMutation({
    mutationFn: (previewId: string) =>
      answerOf(
        rest.POST('/api/v1/areas/{id}/geometry/apply', { params: { path: { id: areaId ?? '' }, query: WGS84 }, body: { previewId } }),
      ),
    onSuccess: async (changed) => {
      setApplied(t('areas.applied', { name: changed.name, version: changed.version }));
      setPreview(undefined);
      setDrawing(false);
      setVertices([]);
      await queries.invalidateQueries({ queryKey: ['areas-with-geometry'] });
    },
  });

  useEffect(() => {
    handles.current?.show(drawing ? vertices : []);
  }, [drawing, vertices]);

  // The map is ready only once its base map loaded, which may be after the area was picked.
  useEffect(() => {
    if (area && mapReady && map.current) {
      // The API answers exactly four numbers: west, south, east, north.
      map.current.fitBounds(area.bbox as [number, number, number, number], { padding: 40, duration: 0 });
    }
  }, [area, mapReady]);

  function select(id: string) {
    setAreaId(id || undefined);
    setDrawing(false);
    setVertices([]);
    setPreview(undefined);
    setApplied(undefined);
  }

  function startDrawing(from: LngLat[]) {
    setDrawing(true);
    setVertices(from);
    setPreview(undefined);
    setApplied(undefined);
  }

  /** Without a mouse: a corner where the map is centred (move the map with the arrow keys first). */
  function addCornerAtCentre() {
    const centre = map.current?.getCenter();
    if (centre) setVertices((current) => [...current, [centre.lng, centre.lat]]);
  }

  // A single polygon of reasonable size can be edited corner by corner; others are drawn anew.
  const editable = area?.geometry?.type === 'Polygon' ? editableCorners(outerRings(area.geometry)[0]) : undefined;

  const shapes = (areas.data?.items ?? []).flatMap((candidate) =>
    outerRings(candidate.geometry).map((ring, index) => ({
      id: `${candidate.id}-${index}`,
      rings: [ring],
      highlighted: candidate.id === areaId,
    })),
  );
  const error = previewMutation.error ?? applyMutation.error;

  return (
    <section>
      <h1>{t('areas.title')}</h1>
      <StatusLine loading={areas.isPending} error={areas.error} />
      <div className="split">
        <div>
          <SelectField label={t('areas.area')} value={areaId ?? ''} onChange={(event) => select(event.target.value)}>
            <option value="">—</option>
            {(areas.data?.items ?? []).map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name} ({t(`areas.kinds.${candidate.kind}`)})
              </option>
            ))}
          </SelectField>
          {area && (
            <p>
              <Link to={`/areas/${area.id}`}>{t('records.area.open', { name: area.name })}</Link>
            </p>
          )}
          {area && mayEdit && (
            <div className="toolbar">
              <button type="button" onClick={() => startDrawing([])}>
                {t('areas.redraw')}
              </button>
              {editable && (
                <button type="button" className="secondary" onClick={() => startDrawing(editable)}>
                  {t('areas.editCorners')}
                </button>
              )}
              {drawing && (
                <>
                  <button type="button" className="secondary" onClick={addCornerAtCentre}>
                    {t('areas.addAtCentre')}
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    disabled={vertices.length === 0}
                    onClick={() => setVertices((v) => v.slice(0, -1))}
                  >
                    {t('areas.undo')}
                  </button>
                  <button
                    type="button"
                    disabled={vertices.length < 3 || previewMutation.isPending}
                    onClick={() => previewMutation.mutate()}
                  >
                    {t('areas.preview')}
                  </button>
                </>
              )}
            </div>
          )}
          {drawing && <p role="status">{t('areas.drawHint', { count: vertices.length })}</p>}
          <FormError message={error?.message} />
          {preview && (
            <section aria-label={t('areas.previewTitle')} className="preview">
              <h2>{t('areas.previewTitle')}</h2>
              <p>{t('areas.expires', { time: format.dateTime(preview.expiresAt) })}</p>
              <ul>
                {Object.entries(preview.counts).map(([kind, count]) => (
                  <li key={kind}>{t('areas.moves', { count, kind: t(`areas.recordKinds.${kind}`, kind) })}</li>
                ))}
              </ul>
              {preview.moves.length > 0 && (
                <table>
                  <thead>
                    <tr>
                      <th>{t('areas.record')}</th>
                      <th>{t('areas.from')}</th>
                      <th>{t('areas.to')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.moves.slice(0, 20).map((move) => (
                      <tr key={`${move.kind}-${move.id}`}>
                        <td>{t(`areas.recordKinds.${move.kind}`, move.kind)}</td>
                        <td>{(move.from && preview.areas[move.from]?.name) ?? '—'}</td>
                        <td>{(move.to && preview.areas[move.to]?.name) ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <button type="button" disabled={applyMutation.isPending} onClick={() => applyMutation.mutate(preview.previewId)}>
                {t('areas.apply')}
              </button>
            </section>
          )}
          {applied && <p role="status">{applied}</p>}
        </div>
        <MapView
          label={t('areas.map')}
          center={homeView(session.country)}
          zoom={10}
          shapes={shapes}
          line={drawing ? closedRing(vertices) : undefined}
          onMapClick={(at) => {
            if (!drawing || !mayEdit) return;
            setPreview(undefined);
            setVertices((current) => [...current, at]);
          }}
          onReady={(ready) => {
            map.current = ready;
            setMapReady(true);
            handles.current = new VertexHandles(
              ready,
              (index, at) => {
                setPreview(undefined);
                setVertices((current) => current.map((vertex, i) => (i === index ? at : vertex)));
              },
              (index) => t('areas.vertex', { number: index + 1 }),
            );
          }}
          className="map map-tall"
        />
      </div>
    </section>
  );
}
