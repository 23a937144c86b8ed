import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { screenQuery } from '../../shared/api/graphql';
import type { TicketFacts } from '../../shared/data/ticket-facts';
import { FormError, SelectField } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';
import { useFormat } from '../../shared/i18n/format';
import { StatusLine } from '../../shared/status-line';
import { SlaCountdown } from './sla-countdown';
import { type SlaClockView, SlaExplanation } from './sla-explanation';
import { onSiteEvidenceOf, TicketReview } from './ticket-review';

export interface TicketDetail {
  ticket: TicketFacts & {
    createdAt: string;
    fields: string;
    assignee: { id: string; name: string } | null;
    merchant: { id: string; brandName: string; legalName: string; address: string } | null;
  };
  moves: string[];
  timeline: {
    kind: string;
    from: string | null;
    to: string | null;
    reason: string | null;
    detail: string;
    at: string;
    actor: { name: string } | null;
  }[];
  comments: { id: string; body: string; visibility: string; at: string; author: { name: string } | null }[];
  sla: { timezone: string; computedAt: string; clocks: SlaClockView[] };
}

type PendingOn = 'merchant' | 'third_party';
interface MoveChoice {
  to: string;
  pendingOn?: PendingOn;
}

/** The moves a person picks: pending comes as two, naming what it waits on. */
function moveChoices(moves: string[]): MoveChoice[] {
  return moves.flatMap((to): MoveChoice[] =>
    to === 'pending'
      ? [
          { to, pendingOn: 'merchant' },
          { to, pendingOn: 'third_party' },
        ]
      : [{ to }],
  );
}

/** A ticket: facts, state moves, the SLA explained clock by clock, the timeline and the comments. */
export function TicketDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const [problem, report, clear] = useFormProblem();
  const [comment, setComment] = useState('');
  const [visibility, setVisibility] = useState<'internal' | 'public'>('internal');
  const [busy, setBusy] = useState(false);
  const detail = useQuery({
    queryKey: ['ticket-detail', id],
    queryFn: () => screenQuery<{ ticketDetail: TicketDetail | null }>('TicketDetail', { id }),
  });
  const data = detail.data?.ticketDetail;
  if (!data)
    return <StatusLine loading={detail.isPending} error={detail.error ?? (detail.data ? new Error(t('common.notFound')) : undefined)} />;
  const { ticket } = data;
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    clear();
    try {
      await work();
      await detail.refetch();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  const move = (to: string, pendingOn?: PendingOn) =>
    act(() =>
      answerOf(
        rest.POST('/api/v1/tickets/{id}/transitions', {
          params: { path: { id } },
          body: { to: to as 'resolved', ...(pendingOn ? { pendingOn } : {}) },
        }),
      ),
    );
  const send = () =>
    act(async () => {
      await answerOf(rest.POST('/api/v1/tickets/{id}/comments', { params: { path: { id } }, body: { body: comment, visibility } }));
      setComment('');
    });
  const fields = Object.entries(JSON.parse(ticket.fields) as Record<string, unknown>);
  const evidence = ticket.state === 'review' ? onSiteEvidenceOf(data.timeline) : undefined;
  return (
    <section>
      <p>
        <Link to="/tickets">← {t('tickets.title')}</Link>
      </p>
      <h1>{ticket.title}</h1>
      <dl className="facts">
        <dt>{t('tickets.facets.status')}</dt>
        <dd>
          <span className="badge">{t(`tickets.states.${ticket.state}`, ticket.state)}</span>
        </dd>
        <dt>{t('tickets.sla.title')}</dt>
        <dd>
          <SlaCountdown breachAt={ticket.slaBreachAt} slaStatus={ticket.slaStatus} />
        </dd>
        <dt>{t('tickets.facets.category')}</dt>
        <dd>{t(`tickets.types.${ticket.type}`, ticket.type)}</dd>
        <dt>{t('tickets.facets.priority')}</dt>
        <dd>{t(`tickets.priorities.${ticket.priority}`, ticket.priority)}</dd>
        <dt>{t('tickets.facets.ownerId')}</dt>
        <dd>{ticket.assignee?.name ?? t('tickets.unassigned')}</dd>
        <dt>{t('tickets.merchant')}</dt>
        <dd>
          {ticket.merchant ? (
            <Link to={`/merchants/${ticket.merchant.id}`}>{ticket.merchant.brandName || ticket.merchant.legalName}</Link>
          ) : (
            '—'
          )}
        </dd>
        {fields.map(([name, value]) => (
          <FieldFact key={name} name={name} value={value} />
        ))}
      </dl>
      {data.moves.length > 0 && (
        <fieldset className="toolbar moves">
          <legend className="visually-hidden">{t('tickets.moves')}</legend>
          {moveChoices(data.moves).map(({ to, pendingOn }) => (
            <button
              key={`${to}-${pendingOn ?? ''}`}
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void move(to, pendingOn)}
            >
              {t(pendingOn ? `tickets.moveTo.pending_${pendingOn}` : `tickets.moveTo.${to}`, { defaultValue: to })}
            </button>
          ))}
        </fieldset>
      )}
      <FormError message={problem.message} />
      {evidence && <TicketReview ticketId={id} evidence={evidence} onDecided={() => detail.refetch()} />}
      <h2>{t('tickets.sla.explained')}</h2>
      <SlaExplanation clocks={data.sla.clocks} timezone={data.sla.timezone} />
      <h2>{t('tickets.comments')}</h2>
      <ul className="comments">
        {data.comments.map((c) => (
          <li key={c.id}>
            <strong>{c.author?.name ?? t('tickets.system')}</strong> · {format.dateTime(c.at)}
            {c.visibility === 'public' && <span className="badge">{t('tickets.public')}</span>}
            <p>{c.body}</p>
          </li>
        ))}
      </ul>
      <form
        className="comment-form"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <label>
          {t('tickets.newComment')}
          <textarea value={comment} onChange={(event) => setComment(event.target.value)} rows={3} required />
        </label>
        <SelectField
          label={t('tickets.visibility')}
          value={visibility}
          onChange={(event) => setVisibility(event.target.value as 'internal' | 'public')}
        >
          <option value="internal">{t('tickets.internal')}</option>
          <option value="public">{t('tickets.public')}</option>
        </SelectField>
        <button type="submit" disabled={busy || comment.trim() === ''}>
          {t('tickets.addComment')}
        </button>
      </form>
      <h2>{t('tickets.timeline')}</h2>
      <ol className="timeline">
        {data.timeline.map((entry) => (
          <li key={`${entry.at}-${entry.kind}-${entry.to ?? ''}`}>
            {format.dateTime(entry.at)} · <strong>{t(`tickets.kinds.${entry.kind}`, entry.kind)}</strong>
            {entry.kind === 'reviewed' && ` (${t(`tickets.review.decisions.${decisionOf(entry.detail)}`)})`}
            {entry.from && entry.to && entry.from !== entry.to
              ? ` ${t(`tickets.states.${entry.from}`, entry.from)} → ${t(`tickets.states.${entry.to}`, entry.to)}`
              : ''}{' '}
            · {entry.actor?.name ?? t('tickets.system')}
            {entry.reason ? ` — ${entry.reason}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A review's decision, kept in its history entry's detail. */
function decisionOf(detail: string): 'approve' | 'reject' {
  return (JSON.parse(detail) as { decision?: string }).decision === 'reject' ? 'reject' : 'approve';
}

function FieldFact({ name, value }: { name: string; value: unknown }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>
        {typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)}
      </dd>
    </>
  );
}
