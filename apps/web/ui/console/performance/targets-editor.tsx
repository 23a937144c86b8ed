import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf, type BodyOf, rest } from '../../shared/api/client';
import { FIELD_METRICS, type MetricName } from '../../shared/data/performance';
import { useReps } from '../../shared/data/use-reps';
import { Field, FormError, SelectField } from '../../shared/forms/field';
import { formProblemOf, NO_PROBLEM } from '../../shared/forms/use-problem';
import { useFormat } from '../../shared/i18n/format';

type TargetsBody = BodyOf<'setTargets'>;

/** How long typing pauses before the preview is asked for. */
const PREVIEW_DELAY_MS = 350;

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** The org units I see, and for one of them the units of its subtree (its reps are those of any of them). */
function useUnits() {
  const units = useQuery({
    queryKey: ['/api/v1/org-units', { limit: 200 }],
    queryFn: () => answerOf(rest.GET('/api/v1/org-units', { params: { query: { limit: 200 } } })),
    staleTime: 5 * 60_000,
  });
  const items = units.data?.items ?? [];
  const subtree = (rootId: string) => {
    const ids = new Set([rootId]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const unit of items)
        if (unit.parentId && ids.has(unit.parentId) && !ids.has(unit.id)) {
          ids.add(unit.id);
          grew = true;
        }
    }
    return ids;
  };
  return { items, subtree, error: units.error };
}

/**
 * The targets editor, folded until opened; it opens on the page's metric and month, and folding it drops the draft.
 */
export function TargetsEditor(props: { metric: MetricName; period: string; unitId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details className="targets-editor" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('performance.targets.title')}</summary>
      {open && <TargetsForm {...props} />}
    </details>
  );
}

/**
 * Sets a team's target for a metric and period and cascades it to the team's reps, evenly or by weight. The shares
 * shown are the server's own (its preview answers what saving would store), so the page never splits by itself.
 */
function TargetsForm({ metric, period, unitId }: { metric: MetricName; period: string; unitId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queries = useQueryClient();
  const units = useUnits();
  const reps = useReps();
  const [teamId, setTeamId] = useState(unitId);
  const [targetMetric, setTargetMetric] = useState<MetricName>(metric);
  const [targetPeriod, setTargetPeriod] = useState(period);
  const [value, setValue] = useState('');
  const [weighted, setWeighted] = useState(false);
  const [weights, setWeights] = useState<Record<string, string>>({});

  const inTeam = units.subtree(teamId);
  const teamReps = (reps.data ?? []).filter((rep) => rep.orgUnitId && inTeam.has(rep.orgUnitId));
  const body: TargetsBody | undefined =
    value.trim() === ''
      ? undefined
      : {
          metric: targetMetric,
          period: targetPeriod.trim(),
          subject: `org-unit:${teamId}`,
          value: Number(value),
          ...(teamReps.length > 0
            ? {
                cascade: {
                  reps: teamReps.map((rep) => ({ userId: rep.id, ...(weighted ? { weight: Number(weights[rep.id] ?? '1') } : {}) })),
                },
              }
            : {}),
        };
  // Debounced as text: the body is a new object at each render, its text only changes with the form.
  const sent = body && JSON.stringify(body);
  const askedText = useDebounced(sent, PREVIEW_DELAY_MS);
  const asked = askedText === undefined ? undefined : (JSON.parse(askedText) as TargetsBody);
  const preview = useQuery({
    queryKey: ['targets-preview', askedText],
    enabled: asked !== undefined,
    retry: false,
    placeholderData: keepPreviousData,
    queryFn: () => answerOf(rest.POST('/api/v1/performance/targets/preview', { body: asked as TargetsBody })),
  });
  const save = useMutation({
    mutationFn: (sent: TargetsBody) => answerOf(rest.PUT('/api/v1/performance/targets', { body: sent })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['performance'] }),
  });
  // A refused save, else the preview's refusal: each problem shows beside the field it names.
  const failure = save.error ?? preview.error;
  const problem = failure ? formProblemOf(t, failure) : NO_PROBLEM;

  // While a newer preview is on its way the last one stays, marked busy, rather than blinking out at each key.
  const shareOf = new Map(
    (body === undefined || preview.error ? [] : (preview.data?.items ?? [])).map((item) => [item.subject, item.value]),
  );
  const teamName = units.items.find((unit) => unit.id === teamId)?.name ?? '';
  const edit = (change: () => void) => {
    change();
    save.reset();
  };
  const repError = (index: number) => problem.fields[`cascade.reps.${index}.weight`] ?? problem.fields[`cascade.reps.${index}.userId`];

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (body) save.mutate(body);
      }}
    >
      <div className="targets-fields">
        <SelectField
          label={t('performance.team')}
          value={teamId}
          onChange={(e) => edit(() => setTeamId(e.target.value))}
          error={problem.fields.subject ?? problem.fields.cascade}
        >
          {units.items.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('performance.metric')}
          value={targetMetric}
          onChange={(e) => edit(() => setTargetMetric(e.target.value as MetricName))}
          error={problem.fields.metric}
        >
          {FIELD_METRICS.map((m) => (
            <option key={m} value={m}>
              {t(`performance.metrics.${m}`)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('performance.targets.period')}
          value={targetPeriod}
          onChange={(e) => edit(() => setTargetPeriod(e.target.value))}
          error={problem.fields.period}
        />
        <Field
          label={t('performance.targets.teamTarget')}
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          value={value}
          onChange={(e) => edit(() => setValue(e.target.value))}
          error={problem.fields.value}
        />
      </div>
      <fieldset className="targets-split">
        <legend>{t('performance.targets.split')}</legend>
        <label className="check">
          <input type="radio" name="split" checked={!weighted} onChange={() => edit(() => setWeighted(false))} />
          {t('performance.targets.even')}
        </label>
        <label className="check">
          <input type="radio" name="split" checked={weighted} onChange={() => edit(() => setWeighted(true))} />
          {t('performance.targets.byWeight')}
        </label>
      </fieldset>
      <table className="targets-preview" aria-busy={preview.isFetching || sent !== askedText}>
        <caption>{t('performance.targets.previewCaption', { team: teamName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('performance.rep')}</th>
            {weighted && <th scope="col">{t('performance.targets.weight')}</th>}
            <th scope="col">{t('performance.targets.share')}</th>
          </tr>
        </thead>
        <tbody>
          {teamReps.map((rep, index) => {
            const error = repError(index);
            const share = shareOf.get(`user:${rep.id}`);
            return (
              <tr key={rep.id}>
                <th scope="row">
                  {rep.name}
                  {error && !weighted && <p className="field-error">{error}</p>}
                </th>
                {weighted && (
                  <td>
                    <input
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={1000}
                      step={1}
                      aria-label={t('performance.targets.weightOf', { name: rep.name })}
                      aria-invalid={error ? true : undefined}
                      value={weights[rep.id] ?? '1'}
                      onChange={(e) => edit(() => setWeights((all) => ({ ...all, [rep.id]: e.target.value })))}
                    />
                    {error && <p className="field-error">{error}</p>}
                  </td>
                )}
                <td>{share === undefined ? '—' : format.number(share)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('performance.targets.teamTarget')}</th>
            {weighted && <td />}
            <td>{shareOf.has(`org-unit:${teamId}`) ? format.number(shareOf.get(`org-unit:${teamId}`) ?? 0) : '—'}</td>
          </tr>
        </tfoot>
      </table>
      {teamReps.length === 0 && <p className="muted">{t('performance.targets.noReps')}</p>}
      <FormError message={problem.message ?? (units.error instanceof Error ? units.error.message : undefined)} />
      <div className="toolbar">
        <button type="submit" disabled={!body || save.isPending}>
          {t('performance.targets.save')}
        </button>
        {preview.isFetching && <span className="muted">{t('performance.targets.previewing')}</span>}
      </div>
      <p role="status">
        {save.isSuccess &&
          t('performance.targets.saved', {
            team: teamName,
            value: format.number(save.data.items[0]?.value ?? 0),
            count: save.data.items.length - 1,
          })}
      </p>
    </form>
  );
}
