import { useEffect, useState } from 'react';
import { type OutboxEntry, outbox } from './outbox';
import { onSyncing } from './sync-outbox';

/** The queue as it is now, whether a sync is running, and whether the device thinks it is online. */
export function useOutbox(): { entries: OutboxEntry[]; syncing: boolean; online: boolean } {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [syncing, setSyncing] = useState(false);
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const reload = () => void outbox.all().then(setEntries);
    reload();
    const stopOutbox = outbox.subscribe(reload);
    const stopSyncing = onSyncing(setSyncing);
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      stopOutbox();
      stopSyncing();
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return { entries, syncing, online };
}
