import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../shared/i18n/format';
import { StatusLine } from '../../shared/status-line';
import { useMyDay } from '../my-day/my-day-query';
import { merchantName } from './field-ticket';

/** My open tickets, soonest SLA breach first (overdue, then due today), each with its merchant and due time. */
export function MyTicketsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const day = useMyDay();
  const tickets = day.data?.myDay.tickets ?? [];
  return (
    <section>
      <h1>{t('fieldTickets.title')}</h1>
      <StatusLine loading={day.isPending} error={day.error} />
      {day.data && tickets.length === 0 && <p>{t('fieldTickets.empty')}</p>}
      <ul className="stops" aria-label={t('fieldTickets.list')}>
        {tickets.map(({ due, ticket }) => (
          <li key={ticket.id} className={`card ticket-due-${due}`}>
            <strong>
              <Link to={`/tickets/${ticket.id}`}>{ticket.title}</Link>
            </strong>
            <small>
              <span className={`badge due-${due}`}>{t(`fieldTickets.due.${due}`)}</span>
              {ticket.slaBreachAt && ` ${t('fieldTickets.dueAt', { time: format.dateTime(ticket.slaBreachAt) })}`}
            </small>
            <small>
              {t(`tickets.types.${ticket.type}`, ticket.type)} · {t(`tickets.priorities.${ticket.priority}`, ticket.priority)} ·{' '}
              {t(`tickets.states.${ticket.state}`, ticket.state)}
              {ticket.merchant && ` · ${merchantName(ticket.merchant)}`}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
