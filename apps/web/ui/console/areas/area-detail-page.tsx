import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { useReps } from '../../shared/data/use-reps';
import { FormError, SelectField } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';
import { useFormat } from '../../shared/i18n/format';
import { WGS84 } from '../../shared/map/coordinates';
import { MapLegend } from '../../shared/map/map-legend';
import { MapView } from '../../shared/map/map-view';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import '../records/records.css';
import { outerRings } from './polygon-drawing';

const ROLES = ['primary', 'backup', 'manager'] as const;

/**
 * One area (notices about area assignments link here): where it is, what it belongs to and holds, and who covers
 * it. Whoever may change areas also assigns people and opens the polygon editor; everyone else only reads.
 */
export function AreaDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const queries = useQueryClient();
  const { id = '' } = useParams();
  const mayEdit = session.can('area:write');
  const area = useQuery({
    queryKey: ['area', id],
    queryFn: () => answerOf(rest.GET('/api/v1/areas/{id}', { params: { path: { id }, query: WGS84 } })),
    retry: false,
  });
  const all = useQuery({
    queryKey: ['areas-list'],
    queryFn: () => answerOf(rest.GET('/api/v1/areas', { params: { query: { limit: 200 } } })),
  });
  const assignments = useQuery({
    queryKey: ['area-assignments', id],
    queryFn: () => answerOf(rest.GET('/api/v1/areas/{id}/assignments', { params: { path: { id }, query: { limit: 200 } } })),
  });
  const end = useMutation({
    mutationFn: (assignmentId: string) =>
      answerOf(rest.DELETE('/api/v1/areas/{id}/assignments/{assignmentId}', { params: { path: { id, assignmentId } } })),
    onSettled: () => queries.invalidateQueries({ queryKey: ['area-assignments', id] }),
  });
  if (!area.data) return <StatusLine loading={area.isPending} error={area.error} />;
  const data = area.data;
  const nameOf = (areaId: string | null) => all.data?.items.find((candidate) => candidate.id === areaId)?.name;
  const children = (all.data?.items ?? []).filter((candidate) => candidate.parentId === data.id);
  // The API answers exactly four numbers: west, south, east, north.
  const [west, south, east, north] = data.bbox as [number, number, number, number];

  return (
    <section>
      <p>
        <Link to="/areas">← {t('areas.title')}</Link>
      </p>
      <h1>
        {data.name} <span className="badge">{t(`areas.kinds.${data.kind}`)}</span>
      </h1>
      {mayEdit && (
        <div className="record-actions">
          <Link className="button" to={`/areas?area=${data.id}`}>
            {t('records.area.editPolygon')}
          </Link>
        </div>
      )}
      <div className="split">
        <div>
          <dl className="facts">
            <dt>{t('records.area.parent')}</dt>
            <dd>{data.parentId ? <Link to={`/areas/${data.parentId}`}>{nameOf(data.parentId) ?? '…'}</Link> : '—'}</dd>
            <dt>{t('records.area.code')}</dt>
            <dd>{data.code || '—'}</dd>
            <dt>{t('records.area.priority')}</dt>
            <dd>{data.priority}</dd>
            <dt>{t('merchants.updated')}</dt>
            <dd>{format.dateTime(data.updatedAt)}</dd>
          </dl>
          <h2>{t('records.area.children')}</h2>
          {children.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <ul>
              {children.map((child) => (
                <li key={child.id}>
                  <Link to={`/areas/${child.id}`}>{child.name}</Link> ({t(`areas.kinds.${child.kind}`)})
                </li>
              ))}
            </ul>
          )}
        </div>
        <MapView
          label={t('records.area.map', { name: data.name })}
          center={[(west + east) / 2, (south + north) / 2]}
          zoom={11}
          fit={[
            [west, south],
            [east, north],
          ]}
          shapes={outerRings(data.geometry).map((ring, index) => ({ id: `${data.id}-${index}`, rings: [ring], highlighted: true }))}
        >
          <MapLegend kinds={[]} />
        </MapView>
      </div>
      <h2>{t('records.area.coverage')}</h2>
      <StatusLine loading={assignments.isPending} error={assignments.error ?? end.error} />
      {assignments.data && assignments.data.items.length === 0 && <p>{t('records.area.nobody')}</p>}
      {assignments.data && assignments.data.items.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t('admin.name')}</th>
                <th>{t('records.area.role')}</th>
                <th>{t('records.area.from')}</th>
                <th>{t('records.area.to')}</th>
                {mayEdit && <th>{t('records.area.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {assignments.data.items.map((assignment) => (
                <tr key={assignment.id}>
                  <td>{assignment.user?.name ?? '—'}</td>
                  <td>{t(`records.area.roles.${assignment.role}`)}</td>
                  <td>{format.date(assignment.effectiveFrom)}</td>
                  <td>{assignment.effectiveTo ? format.date(assignment.effectiveTo) : t('records.area.untilFurther')}</td>
                  {mayEdit && (
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => end.mutate(assignment.id)}
                        aria-label={t('records.area.endFor', { name: assignment.user?.name ?? '' })}
                      >
                        {t('records.area.end')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayEdit && <AssignForm areaId={data.id} />}
    </section>
  );
}

function AssignForm({ areaId }: { areaId: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const reps = useReps();
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('primary');
  const [problem, report, clear] = useFormProblem();

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      await answerOf(rest.POST('/api/v1/areas/{id}/assignments', { params: { path: { id: areaId } }, body: { userId, role } }));
      setUserId('');
      await queries.invalidateQueries({ queryKey: ['area-assignments', areaId] });
    } catch (error) {
      report(error);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={t('records.area.assign')}>
      <h3>{t('records.area.assign')}</h3>
      <SelectField label={t('leads.rep')} value={userId} onChange={(event) => setUserId(event.target.value)} error={problem.fields.userId}>
        <option value="">—</option>
        {(reps.data ?? []).map((rep) => (
          <option key={rep.id} value={rep.id}>
            {rep.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('records.area.role')} value={role} onChange={(event) => setRole(event.target.value as (typeof ROLES)[number])}>
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {t(`records.area.roles.${option}`)}
          </option>
        ))}
      </SelectField>
      <FormError message={problem.message ?? problem.fields.role} />
      <button type="submit" disabled={!userId}>
        {t('records.area.assignSubmit')}
      </button>
    </form>
  );
}
