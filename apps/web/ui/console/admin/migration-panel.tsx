import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { send, sessionFetch } from '../../shared/api/client';
import { LineChart } from '../../shared/charts/line-chart';
import { SelectField } from '../../shared/forms/field';
import { StatusLine } from '../../shared/status-line';

const MODES = ['legacy', 'shadow', 'primary-new', 'new'] as const;
type Mode = (typeof MODES)[number];

interface MigrationRoute {
  name: string;
  prefix: string;
  mode: Mode;
  changedBy: string | null;
  changedAt: string | null;
  compared: { match: number; mismatch: number; error: number };
  minutes: Array<{ minute: string; match: number; mismatch: number; error: number }>;
}

interface DiffSample {
  id: string;
  route: string;
  at: string;
  method: string;
  path: string;
  differences: Array<{ path: string }>;
}

/** The latest reconciliation of a route: what each side lacks and what differs. */
interface DriftReport {
  route: string;
  at: string;
  onlyLegacy: string[];
  onlyFieldOps: string[];
  differing: unknown[];
  drift: number;
}

/** The migration service's admin API is not part of the public OpenAPI document: read it as plain JSON. */
async function readJson<T>(url: string): Promise<T | null> {
  const response = await sessionFetch(url, { headers: { accept: 'application/json' } });
  // No migration service on this installation: nothing is moving.
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(response.statusText);
  return response.json();
}

const readReport = () => readJson<{ items: DiffSample[]; routes: MigrationRoute[] }>('/api/v1/migration/diffs?limit=20');
const readDrift = () => readJson<{ items: DriftReport[] }>('/api/v1/migration/drift');

function rate(mismatch: number, match: number): number {
  return match + mismatch === 0 ? 0 : (100 * mismatch) / (match + mismatch);
}

/** Routes moving off the legacy system: each one's mode (and a switch), its mismatch rate over time, the latest mismatches. */
export function MigrationPanel() {
  const { t, i18n } = useTranslation();
  const queries = useQueryClient();
  const report = useQuery({ queryKey: ['/api/v1/migration/diffs'], queryFn: readReport, refetchInterval: 15_000 });
  const drift = useQuery({ queryKey: ['/api/v1/migration/drift'], queryFn: readDrift, refetchInterval: 60_000 });
  const reconcile = useMutation({
    mutationFn: (name: string) => send('POST', `/api/v1/migration/routes/${encodeURIComponent(name)}/reconcile`, { body: {} }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['/api/v1/migration/drift'] }),
  });
  const [chosen, setChosen] = useState<Record<string, Mode>>({});
  const switchMode = useMutation({
    mutationFn: ({ name, mode }: { name: string; mode: Mode }) =>
      send('PUT', `/api/v1/migration/routes/${encodeURIComponent(name)}`, { body: { mode } }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['/api/v1/migration/diffs'] }),
  });
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' });
  const driftOf = (route: string) => drift.data?.items.find((report) => report.route === route);
  // Whole percents: the chart's axis label has room for "100%", no more.
  const percent = (value: number) => `${Math.round(value)}%`;

  if (report.data === null || report.data?.routes.length === 0) return <p>{t('admin.migration.none')}</p>;
  return (
    <>
      <StatusLine loading={report.isLoading} error={report.error ?? switchMode.error ?? reconcile.error} />
      {report.data?.routes.map((route) => {
        const selected = chosen[route.name] ?? route.mode;
        const { match, mismatch, error } = route.compared;
        const last = driftOf(route.name);
        return (
          <section key={route.name} className="card" aria-labelledby={`migration-${route.name}`}>
            <h2 id={`migration-${route.name}`}>
              {route.name} <code>{route.prefix}</code>
            </h2>
            <p>
              {t('admin.migration.current', { mode: t(`admin.migration.modes.${route.mode}`) })}{' '}
              {t('admin.migration.counts', { match, mismatch, error, rate: percent(rate(mismatch, match)) })}
            </p>
            <p>
              {last
                ? t('admin.migration.drift', {
                    when: time.format(new Date(last.at)),
                    drift: last.drift,
                    onlyLegacy: last.onlyLegacy.length,
                    onlyFieldOps: last.onlyFieldOps.length,
                    differing: last.differing.length,
                  })
                : t('admin.migration.notReconciled')}{' '}
              <button type="button" onClick={() => reconcile.mutate(route.name)} disabled={reconcile.isPending}>
                {t('admin.migration.reconcile')}
              </button>
            </p>
            <form
              className="inline-form"
              onSubmit={(event) => {
                event.preventDefault();
                switchMode.mutate({ name: route.name, mode: selected });
              }}
            >
              <SelectField
                label={t('admin.migration.mode')}
                value={selected}
                onChange={(event) => setChosen({ ...chosen, [route.name]: event.target.value as Mode })}
              >
                {MODES.map((mode) => (
                  <option key={mode} value={mode}>
                    {t(`admin.migration.modes.${mode}`)}
                  </option>
                ))}
              </SelectField>
              <button type="submit" disabled={selected === route.mode || switchMode.isPending}>
                {t('admin.migration.switch')}
              </button>
            </form>
            {route.minutes.length > 0 && (
              <LineChart
                title={t('admin.migration.rateOverTime', { route: route.name })}
                points={route.minutes.map((m) => ({ label: time.format(new Date(m.minute)), value: rate(m.mismatch, m.match) }))}
                format={percent}
              />
            )}
          </section>
        );
      })}
      <h2>{t('admin.migration.latest')}</h2>
      <table className="migration-samples">
        <thead>
          <tr>
            <th>{t('admin.migration.when')}</th>
            <th>{t('admin.migration.request')}</th>
            <th>{t('admin.migration.fields')}</th>
          </tr>
        </thead>
        <tbody>
          {report.data?.items.map((sample) => (
            <tr key={sample.id}>
              <td>{time.format(new Date(sample.at))}</td>
              <td>
                <code>
                  {sample.method} {sample.path}
                </code>
              </td>
              <td>{sample.differences.map((d) => d.path).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
