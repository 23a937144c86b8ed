import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, answerOf, type BodyOf, rest } from '../../shared/api/client';
import { ProblemError } from '../../shared/api/problem';
import { etagOf } from '../../shared/data/etag';
import { Field, FormError, SelectField } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';
import { StatusLine } from '../../shared/status-line';

type PolicyRow = Answer<'listSlaPolicies'>['items'][number];
type PolicySet = BodyOf<'setSlaPolicies'>;
type Priority = keyof PolicySet;

const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];
const TARGETS = ['firstResponse', 'nextResponse', 'resolution'] as const;

const asMinutes = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

/**
 * The country's SLA policies, one ticket type at a time: targets, the warning and the escalation delays of each
 * priority, in working minutes. Saving sends every priority with the version it was opened on.
 */
export function SlaPoliciesPage() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const list = useQuery({
    queryKey: ['/api/v1/tickets/sla-policies'],
    queryFn: () => answerOf(rest.GET('/api/v1/tickets/sla-policies')),
  });
  const [type, setType] = useState('default');
  const row = list.data?.items.find((item) => item.ticketType === type);
  return (
    <section>
      <h1>{t('tickets.slaPolicies.title')}</h1>
      <p className="muted">{t('tickets.slaPolicies.intro')}</p>
      <StatusLine loading={list.isPending} error={list.error} />
      {list.data && (
        <SelectField label={t('tickets.slaPolicies.type')} value={type} onChange={(e) => setType(e.target.value)}>
          {list.data.items.map((item) => (
            <option key={item.ticketType} value={item.ticketType}>
              {item.ticketType === 'default' ? t('tickets.slaPolicies.default') : t(`tickets.types.${item.ticketType}`, item.label)}
            </option>
          ))}
        </SelectField>
      )}
      {row && (
        <PolicyForm
          key={row.ticketType}
          row={row}
          onSaved={() => queries.invalidateQueries({ queryKey: ['/api/v1/tickets/sla-policies'] })}
        />
      )}
    </section>
  );
}

function PolicyForm({ row, onSaved }: { row: PolicyRow; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [problem, report, clear] = useFormProblem();
  const [saved, setSaved] = useState(false);

  const policy = (priority: Priority) => row.policies[priority];
  const value = (key: string, stored: number) => draft[key] ?? String(stored);
  const edit = (key: string, next: string) => {
    setSaved(false);
    setDraft((current) => ({ ...current, [key]: next }));
  };

  function body(): PolicySet {
    const set = {} as PolicySet;
    for (const priority of PRIORITIES) {
      const p = policy(priority);
      set[priority] = {
        targets: {
          firstResponse: asMinutes(value(`${priority}.targets.firstResponse`, p.targets.firstResponse)),
          nextResponse: asMinutes(value(`${priority}.targets.nextResponse`, p.targets.nextResponse)),
          resolution: asMinutes(value(`${priority}.targets.resolution`, p.targets.resolution)),
        },
        warnBeforeMinutes: asMinutes(value(`${priority}.warnBeforeMinutes`, p.warnBeforeMinutes)),
        escalations: p.escalations.map((level, index) => ({
          ...level,
          afterBreachMinutes: asMinutes(value(`${priority}.escalations.${index}.afterBreachMinutes`, level.afterBreachMinutes)),
        })),
      };
    }
    return set;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      await answerOf(
        rest.PUT('/api/v1/tickets/sla-policies/{type}', {
          params: { path: { type: row.ticketType } },
          headers: { 'if-match': etagOf(row.version) },
          body: body(),
        }),
      );
      await onSaved();
      // The stored figures (and their new version) now show; nothing is left as a draft.
      setDraft({});
      setSaved(true);
    } catch (error) {
      if (error instanceof ProblemError && error.status === 412) report(new Error(t('tickets.slaPolicies.changedMeanwhile')));
      else report(error);
    }
  }

  const number = (key: string, label: string, stored: number) => (
    <Field
      key={key}
      label={label}
      type="number"
      inputMode="numeric"
      min={0}
      step={1}
      value={value(key, stored)}
      onChange={(e) => edit(key, e.target.value)}
      error={problem.fields[key]}
    />
  );

  return (
    <form onSubmit={submit} noValidate aria-label={t('tickets.slaPolicies.title')}>
      <p>
        <span className="badge">{t(`tickets.slaPolicies.source.${row.source}`)}</span>{' '}
        {row.from !== row.ticketType && <span className="muted">{t('tickets.slaPolicies.fromDefault')}</span>}
      </p>
      <p className="muted">{t('tickets.slaPolicies.minutes')}</p>
      <div className="sla-policy-grid">
        {PRIORITIES.map((priority) => {
          const p = policy(priority);
          return (
            <fieldset key={priority} className="sla-policy">
              <legend>{t(`tickets.priorities.${priority}`)}</legend>
              {TARGETS.map((clock) => number(`${priority}.targets.${clock}`, t(`tickets.clocks.${clock}`), p.targets[clock]))}
              {number(`${priority}.warnBeforeMinutes`, t('tickets.slaPolicies.warnBefore'), p.warnBeforeMinutes)}
              {p.escalations.map((level, index) =>
                number(
                  `${priority}.escalations.${index}.afterBreachMinutes`,
                  t('tickets.slaPolicies.escalateAfter', {
                    level: level.level,
                    audience: t(`tickets.slaPolicies.audience.${level.notify}`),
                  }),
                  level.afterBreachMinutes,
                ),
              )}
            </fieldset>
          );
        })}
      </div>
      <FormError message={problem.message} />
      {saved && (
        <p className="status" role="status">
          {t('tickets.slaPolicies.saved')}
        </p>
      )}
      <button type="submit">{t('tickets.slaPolicies.save')}</button>
    </form>
  );
}
