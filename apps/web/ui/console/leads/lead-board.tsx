import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { LEAD_STAGES, type LeadStage } from '../../shared/data/records';
import { usePagedList } from '../../shared/data/use-pages';
import { useFormat } from '../../shared/i18n/format';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import { useLeadActions } from './lead-actions';

/** Columns by stage; a card moves with its stage picker (keyboard friendly, unlike dragging). */
export function LeadBoard() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const list = usePagedList(['/api/v1/leads', 'board'], (cursor) =>
    answerOf(rest.GET('/api/v1/leads', { params: { query: { limit: 200, cursor } } })),
  );
  const actions = useLeadActions();
  const failure = actions.stage.error ?? actions.release.error;
  return (
    <>
      <StatusLine loading={list.loading} error={list.error ?? failure} />
      <div className="board">
        {LEAD_STAGES.map((stage) => {
          const column = list.items.filter((lead) => lead.stage === stage);
          return (
            <section key={stage} className="board-column" aria-label={t(`leads.stages.${stage}`)}>
              <h2>
                {t(`leads.stages.${stage}`)} <span className="badge">{format.number(column.length)}</span>
              </h2>
              {column.map((lead) => (
                <article key={lead.id} className="card">
                  <Link to={`/leads/${lead.id}`}>
                    <strong>{lead.name}</strong>
                  </Link>
                  <small>
                    {t(`categories.${lead.category}`, lead.category)} · {lead.pool === 'public' ? t('leads.inPool') : t('leads.held')}
                    {lead.protectedUntil && ` · ${t('leads.protectedUntil', { date: format.date(lead.protectedUntil) })}`}
                  </small>
                  <label>
                    <span className="visually-hidden">{t('leads.moveTo', { name: lead.name })}</span>
                    <select
                      value={lead.stage}
                      disabled={lead.nextStages.length === 0}
                      onChange={(event) => actions.stage.mutate({ id: lead.id, to: event.target.value as LeadStage })}
                    >
                      {/* Only the moves the API allows from here (it names them), and the stage itself. */}
                      {[lead.stage, ...lead.nextStages].map((to) => (
                        <option key={to} value={to}>
                          {t(`leads.stages.${to}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  {lead.ownerId === session.me?.user.id && (
                    <button type="button" className="secondary" onClick={() => actions.release.mutate(lead.id)}>
                      {t('leads.release')}
                    </button>
                  )}
                </article>
              ))}
            </section>
          );
        })}
      </div>
    </>
  );
}
