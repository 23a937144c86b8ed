import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf, rest } from '../../shared/api/client';
import { usePagedList } from '../../shared/data/use-pages';
import { useReps } from '../../shared/data/use-reps';
import { SelectField } from '../../shared/forms/field';
import { useFormat } from '../../shared/i18n/format';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import { useLeadActions } from './lead-actions';

/** The public pool: claim one, give one to a rep, or hand out a selection by area or round-robin. */
export function LeadPool() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const pool = usePagedList(['/api/v1/leads', 'pool'], (cursor) =>
    answerOf(rest.GET('/api/v1/leads', { params: { query: { pool: 'public', limit: 100, cursor } } })),
  );
  const reps = useReps();
  const actions = useLeadActions();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [repId, setRepId] = useState('');
  const [report, setReport] = useState<string | undefined>();
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const failure = actions.claim.error ?? actions.assign.error ?? actions.bulkAssign.error;

  async function bulkAssign(strategy: 'area' | 'round-robin') {
    const result = await actions.bulkAssign.mutateAsync({
      leadIds: [...selected],
      strategy,
      ...(strategy === 'round-robin' ? { repIds: repId ? [repId] : (reps.data ?? []).map((rep) => rep.id) } : {}),
    });
    setSelected(new Set());
    setReport(t('leads.bulkReport', { assigned: result.assigned, skipped: result.skipped }));
  }

  return (
    <>
      <div className="toolbar">
        <SelectField label={t('leads.rep')} value={repId} onChange={(event) => setRepId(event.target.value)}>
          <option value="">—</option>
          {(reps.data ?? []).map((rep) => (
            <option key={rep.id} value={rep.id}>
              {rep.name}
            </option>
          ))}
        </SelectField>
        <button type="button" disabled={selected.size === 0} onClick={() => void bulkAssign('round-robin')}>
          {t('leads.assignSelected', { count: selected.size })}
        </button>
        <button type="button" className="secondary" disabled={selected.size === 0} onClick={() => void bulkAssign('area')}>
          {t('leads.assignByArea')}
        </button>
      </div>
      {report && <p role="status">{report}</p>}
      <StatusLine loading={pool.loading} error={pool.error ?? failure} />
      <table>
        <thead>
          <tr>
            <th>
              <span className="visually-hidden">{t('leads.select')}</span>
            </th>
            <th>{t('leads.name')}</th>
            <th>{t('merchants.category')}</th>
            <th>{t('merchants.address')}</th>
            <th>{t('leads.created')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {pool.items.map((lead) => (
            <tr key={lead.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('leads.selectLead', { name: lead.name })}
                  checked={selected.has(lead.id)}
                  onChange={() => toggle(lead.id)}
                />
              </td>
              <td>{lead.name}</td>
              <td>{t(`categories.${lead.category}`, lead.category)}</td>
              <td>{lead.address}</td>
              <td>{format.date(lead.createdAt)}</td>
              <td className="actions">
                {session.can('lead:claim') && (
                  <button type="button" className="secondary" onClick={() => actions.claim.mutate(lead.id)}>
                    {t('leads.claim')}
                  </button>
                )}
                <button type="button" className="secondary" disabled={!repId} onClick={() => actions.assign.mutate({ id: lead.id, repId })}>
                  {t('leads.assign')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!pool.loading && pool.items.length === 0 && <p>{t('common.none')}</p>}
      {pool.hasMore && (
        <button type="button" className="secondary" onClick={pool.loadMore}>
          {t('common.more')}
        </button>
      )}
    </>
  );
}
