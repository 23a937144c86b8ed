import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format';
import { sentHistory } from '../offline/sent-history';
import { queueKindOf } from './queue-kind';

/** The last writes the server took, each with the server's time and what came of it. */
export function SentList() {
  const { t } = useTranslation();
  const format = useFormat();
  const [items, setItems] = useState(sentHistory.read);
  useEffect(() => sentHistory.subscribe(() => setItems(sentHistory.read())), []);
  return (
    <section aria-labelledby="sent-title">
      <h2 id="sent-title">{t('fieldSync.history.title')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('fieldSync.history.empty')}</p>
      ) : (
        <ul className="queue" aria-label={t('fieldSync.history.title')}>
          {items.map((item) => (
            <li key={item.id} className="card">
              <strong>
                {queueKindOf(t, item.kind)}: {item.title}
              </strong>
              <small>
                {format.dateTime(item.sentAt)} ·{' '}
                {t(
                  item.kind === 'ticket-completion'
                    ? `fieldTickets.outcomes.${item.outcome}`
                    : `fieldSync.history.outcomes.${item.outcome}`,
                  {
                    defaultValue: item.outcome,
                  },
                )}
              </small>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
