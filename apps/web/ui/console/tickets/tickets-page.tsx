import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import { SlaCountdown } from './sla-countdown';

const OPEN = ['new', 'assigned', 'in_progress', 'pending', 'review'];
const BOARD_COLUMNS = ['new', 'assigned', 'in_progress', 'pending', 'review', 'resolved'];
const FACETS = ['status', 'category', 'priority', 'slaStatus', 'ownerId', 'areaId'] as const;
type FacetName = (typeof FACETS)[number];
/** Facet → the search filter it sets. */
const FILTER_OF: Record<FacetName, string> = {
  status: 'status',
  category: 'category',
  priority: 'priority',
  slaStatus: 'sla',
  ownerId: 'owner',
  areaId: 'area',
};

type Filters = Partial<Record<FacetName, string>>;

/** The queue, the tickets waiting for a reviewer's decision (completed on site with a flagged visit), or the board. */
const VIEWS = ['queue', 'review', 'board'] as const;
type View = (typeof VIEWS)[number];
const VIEW_LABEL: Record<View, string> = { queue: 'tickets.queue', review: 'tickets.waitingForReview', board: 'tickets.board' };

function statusesOf(view: View): string {
  if (view === 'review') return 'review';
  return (view === 'board' ? BOARD_COLUMNS : OPEN).join(',');
}

/** Facets start open on a desktop and folded on a phone, where the queue itself matters more. */
const wideScreen = () => typeof window === 'undefined' || window.matchMedia('(min-width: 800px)').matches;

/** The ticket queue: tickets from the search read model, breaches first, with facets to narrow; or a board by state. */
export function TicketsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [view, setView] = useState<View>('queue');
  const [filters, setFilters] = useState<Filters>({});
  const query: Record<string, string | number> = {
    type: 'ticket',
    sort: 'breach',
    limit: 100,
    facets: FACETS.join(','),
    status: (view !== 'review' && filters.status) || statusesOf(view),
  };
  for (const facet of FACETS) if (facet !== 'status' && filters[facet]) query[FILTER_OF[facet]] = filters[facet] as string;
  const list = useQuery({
    queryKey: ['ticket-queue', query],
    queryFn: () => answerOf(rest.GET('/api/v1/search', { params: { query: query as never } })),
    refetchInterval: 30_000,
  });
  const items = list.data?.items ?? [];
  const names = new Map(items.flatMap((i) => [[i.ownerId ?? '', i.ownerName ?? ''] as const, [i.areaId ?? '', i.areaPath ?? ''] as const]));
  const label = (facet: FacetName, value: string) => {
    if (facet === 'status') return t(`tickets.states.${value}`, value);
    if (facet === 'slaStatus') return t(`tickets.sla.${value}`, value);
    if (facet === 'priority') return t(`tickets.priorities.${value}`, value);
    if (facet === 'category') return t(`tickets.types.${value}`, value);
    return names.get(value) || value.slice(0, 8);
  };
  const toggle = (facet: FacetName, value: string) =>
    setFilters((current) => ({ ...current, [facet]: current[facet] === value ? undefined : value }));
  return (
    <section>
      <h1>{t('tickets.title')}</h1>
      {session.can('ticket:sla') && (
        <p>
          <Link to="/tickets/sla-policies">{t('tickets.slaPoliciesLink')}</Link>
        </p>
      )}
      <div className="toolbar" role="tablist" aria-label={t('tickets.view')}>
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={view === v}
            className={view === v ? '' : 'secondary'}
            onClick={() => setView(v)}
          >
            {t(VIEW_LABEL[v])}
          </button>
        ))}
      </div>
      <details className="facet-panel" open={wideScreen()}>
        <summary>{t('tickets.filters')}</summary>
        <div className="facets">
          {FACETS.map((facet) => {
            const counts = list.data?.facets[facet] ?? {};
            const values = Object.entries(counts);
            if (values.length === 0) return null;
            return (
              <fieldset key={facet} className="facet">
                <legend>{t(`tickets.facets.${facet}`)}</legend>
                {values.map(([value, count]) => (
                  <button
                    key={value}
                    type="button"
                    className={filters[facet] === value ? 'chip chip-on' : 'chip'}
                    aria-pressed={filters[facet] === value}
                    onClick={() => toggle(facet, value)}
                  >
                    {label(facet, value)} <span className="count">{count}</span>
                  </button>
                ))}
              </fieldset>
            );
          })}
        </div>
      </details>
      <StatusLine loading={list.isPending} error={list.error} />
      {view !== 'board' ? (
        <table className="ticket-queue">
          <thead>
            <tr>
              <th>{t('tickets.sla.title')}</th>
              <th>{t('tickets.ticket')}</th>
              <th>{t('tickets.facets.priority')}</th>
              <th>{t('tickets.facets.status')}</th>
              <th>{t('tickets.facets.ownerId')}</th>
              <th>{t('tickets.facets.areaId')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((ticket) => (
              <tr key={ticket.id}>
                <td>
                  <SlaCountdown breachAt={ticket.breachAt} slaStatus={ticket.slaStatus} />
                </td>
                <td>
                  <Link to={`/tickets/${ticket.id}`}>{ticket.title}</Link>
                  <div className="muted">
                    {t(`tickets.types.${ticket.category}`, ticket.category ?? '')}
                    {typeof ticket.details.merchantName === 'string' ? ` · ${ticket.details.merchantName}` : ''}
                  </div>
                </td>
                <td>
                  <span className={`badge priority-${ticket.priority}`}>
                    {t(`tickets.priorities.${ticket.priority}`, ticket.priority ?? '')}
                  </span>
                </td>
                <td>{t(`tickets.states.${ticket.status}`, ticket.status ?? '')}</td>
                <td>{ticket.ownerName ?? '—'}</td>
                <td>{ticket.areaPath ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="board">
          {BOARD_COLUMNS.map((column) => {
            const cards = items.filter((ticket) => ticket.status === column);
            return (
              <section key={column} className="board-column" aria-label={t(`tickets.states.${column}`)}>
                <h2>
                  {t(`tickets.states.${column}`)} <span className="count">{cards.length}</span>
                </h2>
                {cards.map((ticket) => (
                  <article key={ticket.id} className="card">
                    <Link to={`/tickets/${ticket.id}`}>{ticket.title}</Link>
                    <div className="muted">{ticket.ownerName ?? t('tickets.unassigned')}</div>
                    <SlaCountdown breachAt={ticket.breachAt} slaStatus={ticket.slaStatus} />
                  </article>
                ))}
              </section>
            );
          })}
        </div>
      )}
      {!list.isPending && items.length === 0 && <p>{t('common.none')}</p>}
    </section>
  );
}
