import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { FormError } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';
import { useFormat } from '../../shared/i18n/format';
import { useMapConfig } from '../../shared/map/map-config';
import { navigationLink } from '../../shared/map/navigation-link';
import { StatusLine } from '../../shared/status-line';
import { MY_DAY_KEY } from '../my-day/my-day-query';
import { completableOnSite, fieldTicketKey, merchantName, useFieldTicket } from './field-ticket';

const fieldText = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);

/** One of my tickets: what it is, where, by when; start work, and complete it on site at its merchant. */
export function FieldTicketPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const detail = useFieldTicket(id);
  const queryClient = useQueryClient();
  const mapConfig = useMapConfig();
  const [problem, report, clear] = useFormProblem();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const data = detail.data?.ticketDetail;
  if (!data)
    return <StatusLine loading={detail.isPending} error={detail.error ?? (detail.data ? new Error(t('common.notFound')) : undefined)} />;
  const { ticket } = data;
  const merchant = ticket.merchant;
  const fields = Object.entries(JSON.parse(ticket.fields) as Record<string, unknown>);

  async function startWork() {
    setBusy(true);
    clear();
    try {
      await answerOf(rest.POST('/api/v1/tickets/{id}/transitions', { params: { path: { id } }, body: { to: 'in_progress' } }));
      setMessage(t('fieldTickets.detail.started'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: fieldTicketKey(id) }),
        queryClient.invalidateQueries({ queryKey: MY_DAY_KEY }),
      ]);
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <p>
        <Link to="/tickets">← {t('fieldTickets.detail.back')}</Link>
      </p>
      <h1>{ticket.title}</h1>
      {message && <p role="status">{message}</p>}
      <dl className="facts">
        <dt>{t('fieldTickets.detail.state')}</dt>
        <dd>
          <span className="badge">{t(`tickets.states.${ticket.state}`, ticket.state)}</span>
        </dd>
        <dt>{t('fieldTickets.detail.slaDue')}</dt>
        <dd>{ticket.slaBreachAt ? format.dateTime(ticket.slaBreachAt) : t('fieldTickets.due.none')}</dd>
        <dt>{t('fieldTickets.detail.type')}</dt>
        <dd>{t(`tickets.types.${ticket.type}`, ticket.type)}</dd>
        <dt>{t('fieldTickets.detail.priority')}</dt>
        <dd>{t(`tickets.priorities.${ticket.priority}`, ticket.priority)}</dd>
        <dt>{t('fieldTickets.detail.merchant')}</dt>
        <dd>{merchant ? `${merchantName(merchant)}${merchant.address ? ` · ${merchant.address}` : ''}` : '—'}</dd>
        {merchant && merchant.contacts.length > 0 && (
          <>
            <dt>{t('fieldTickets.detail.contact')}</dt>
            <dd>{merchant.contacts.map((c) => `${c.name} (${c.role})`).join(', ')}</dd>
          </>
        )}
        {fields.map(([name, value]) => (
          <FieldFact key={name} name={name} value={fieldText(value)} />
        ))}
      </dl>
      {ticket.state === 'review' && <p className="muted">{t('fieldTickets.detail.inReview')}</p>}
      {!merchant && <p className="muted">{t('fieldTickets.detail.notOnSite')}</p>}
      <FormError message={problem.message ?? Object.values(problem.fields).join('; ')} />
      <div className="stop-actions">
        {data.moves.includes('in_progress') && ticket.state !== 'review' && (
          <button type="button" disabled={busy} onClick={() => void startWork()}>
            {t('fieldTickets.detail.startWork')}
          </button>
        )}
        {completableOnSite(ticket) && (
          <Link className="button" to={`/tickets/${ticket.id}/complete`}>
            {t('fieldTickets.detail.completeOnSite')}
          </Link>
        )}
        {merchant && (
          <a className="button secondary" href={navigationLink(mapConfig, { ...merchant, name: merchantName(merchant) })}>
            {t('field.myDay.navigate')}
          </a>
        )}
      </div>
    </section>
  );
}

function FieldFact({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </>
  );
}
