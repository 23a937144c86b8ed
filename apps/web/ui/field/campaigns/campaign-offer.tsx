import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendOrQueue } from '../offline/sync-outbox';
import { type CampaignTask, useCampaignTasks } from './campaign-tasks';

/**
 * The campaign offers open for the merchant of the current visit: the rep reads the talking points and records
 * the merchant's answer on site, with the visit as evidence. Offline, the answer waits in the queue behind the
 * check-in it cites.
 */
export function CampaignOffers({ merchantId, visitId }: { merchantId: string; visitId: string }) {
  const tasks = useCampaignTasks();
  // An answered task closes and leaves the list: its offer stays on screen with the answer's outcome.
  const [shown, setShown] = useState<CampaignTask[]>([]);
  useEffect(() => {
    const offers = (tasks.data?.items ?? []).filter((task) => task.merchantId === merchantId);
    setShown((before) => [...before, ...offers.filter((task) => !before.some((b) => b.id === task.id))]);
  }, [tasks.data, merchantId]);
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((task) => (
        <CampaignOffer key={task.id} task={task} visitId={visitId} />
      ))}
    </>
  );
}

function CampaignOffer({ task, visitId }: { task: CampaignTask; visitId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  async function answer(decision: 'accepted' | 'declined') {
    setBusy(true);
    setError(undefined);
    try {
      const sent = await sendOrQueue({
        kind: 'enrollment',
        id: crypto.randomUUID(),
        createdAt: new Date().toISOString(),
        title: `${task.campaignName} · ${task.merchantName}`,
        state: 'pending',
        campaignId: task.campaignId,
        body: { merchantId: task.merchantId, decision, visitId },
      });
      setMessage(sent.queued ? t('campaigns.field.queued') : t('campaigns.field.recorded'));
      if (!sent.queued) await queryClient.invalidateQueries({ queryKey: ['campaign-tasks'] });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card campaign-offer" aria-label={t('campaigns.field.offer', { name: task.campaignName })}>
      <h2>{t('campaigns.field.offer', { name: task.campaignName })}</h2>
      {task.talkingPoints && <p className="talking-points">{task.talkingPoints}</p>}
      {message ? (
        <p role="status">{message}</p>
      ) : (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void answer('accepted')}>
            {t('campaigns.field.accept')}
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={() => void answer('declined')}>
            {t('campaigns.field.decline')}
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
