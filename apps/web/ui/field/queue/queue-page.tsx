import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format';
import { ClockWarning } from '../offline/clock-warning';
import { serverTimeOf } from '../offline/device-clock';
import { syncOutbox } from '../offline/sync-outbox';
import { useOutbox } from '../offline/use-outbox';
import { queueKindOf } from './queue-kind';
import { RefusedEntry } from './refused-entry';
import { SentList } from './sent-list';

/** What waits on this phone for the network, what the server refused and why, what it took lately, and a way to sync now. */
export function QueuePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { entries, syncing, online } = useOutbox();
  const pending = entries.filter((entry) => entry.state === 'pending').length;
  const refused = entries.length - pending;
  return (
    <section>
      <h1>{t('field.queue.title')}</h1>
      <ClockWarning />
      <p role="status">
        {online ? t('field.queue.online') : t('field.queue.offline')} ·{' '}
        {syncing ? t('field.queue.syncing') : t('field.queue.waiting', { count: pending })}
        {refused > 0 && ` · ${t('fieldSync.refused.count', { count: refused })}`}
      </p>
      <button type="button" disabled={!online || syncing || pending === 0} onClick={() => void syncOutbox()}>
        {t('field.queue.syncNow')}
      </button>
      {entries.length === 0 ? (
        <p>{t('field.queue.empty')}</p>
      ) : (
        <ul className="queue" aria-label={t('field.queue.title')}>
          {entries.map((entry) => (
            <li key={entry.id} className="card">
              <strong>
                {queueKindOf(t, entry.kind)}: {entry.title}
              </strong>
              <small>
                {format.dateTime(serverTimeOf(entry.createdAt))} · {t(`field.queue.states.${entry.state}`)}
              </small>
              {entry.state !== 'pending' && <RefusedEntry entry={entry} />}
            </li>
          ))}
        </ul>
      )}
      <SentList />
    </section>
  );
}
