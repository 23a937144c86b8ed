import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format';
import { DuplicateWarning } from '../new-lead/duplicate-warning';
import { duplicatesOf } from '../new-lead/new-lead-page';
import { outbox } from '../offline/outbox';
import { syncOutbox } from '../offline/sync-outbox';
import { useOutbox } from '../offline/use-outbox';

/** What waits on this phone for the network, what the server refused, and a way to sync now. */
export function QueuePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { entries, syncing, online } = useOutbox();
  return (
    <section>
      <h1>{t('field.queue.title')}</h1>
      <p role="status">
        {online ? t('field.queue.online') : t('field.queue.offline')} ·{' '}
        {syncing ? t('field.queue.syncing') : t('field.queue.waiting', { count: entries.length })}
      </p>
      <button type="button" disabled={!online || syncing || entries.length === 0} onClick={() => void syncOutbox()}>
        {t('field.queue.syncNow')}
      </button>
      {entries.length === 0 ? (
        <p>{t('field.queue.empty')}</p>
      ) : (
        <ul className="queue" aria-label={t('field.queue.title')}>
          {entries.map((entry) => {
            const duplicates = entry.kind === 'lead' && entry.state === 'conflict' ? duplicatesOf(entry.conflict) : undefined;
            return (
              <li key={entry.id} className="card">
                <strong>
                  {t(`field.queue.kinds.${entry.kind}`)}: {entry.title}
                </strong>
                <small>
                  {format.dateTime(entry.createdAt)} · {t(`field.queue.states.${entry.state}`)}
                </small>
                {entry.error && <p className="field-error">{entry.error}</p>}
                {duplicates && <DuplicateWarning candidates={duplicates} onClaimed={() => void outbox.remove(entry.id)} />}
                {entry.state !== 'pending' && (
                  <button type="button" className="secondary" onClick={() => void outbox.remove(entry.id)}>
                    {t('field.queue.discard')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
