import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf, rest } from '../../shared/api/client';
import { ProblemError } from '../../shared/api/problem';
import { Field } from '../../shared/forms/field';
import { type Campaign, campaignKey } from './campaign-data';

type Move = 'scheduled' | 'draft' | 'ended' | 'cancelled';

/** The moves a person may offer from each status; the server has the last word (a refused move says why). */
const MOVES: Record<Campaign['status'], Move[]> = {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['draft', 'cancelled'],
  running: ['ended', 'cancelled'],
  ended: [],
  cancelled: [],
};

const LABEL: Record<Move, string> = {
  scheduled: 'campaigns.page.schedule',
  draft: 'campaigns.page.backToDraft',
  ended: 'campaigns.page.end',
  cancelled: 'campaigns.page.cancel',
};

/** Schedule, launch, end or cancel a campaign, with what the server refused (an illegal move names from and to). */
export function CampaignActions({
  campaign,
  initialError,
  initialHoldout,
}: {
  campaign: Campaign;
  initialError?: string;
  initialHoldout?: number;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [holdout, setHoldout] = useState(String(initialHoldout ?? 10));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>(initialError);
  const path = { id: campaign.id };
  const headers = { 'if-match': `"${campaign.version}"` };

  async function act(run: () => Promise<string | undefined>) {
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    try {
      setMessage(await run());
    } catch (failure) {
      const problem = failure instanceof ProblemError ? failure.problem : undefined;
      setError(
        problem?.code === 'illegal' && typeof problem.from === 'string' && typeof problem.to === 'string'
          ? t('campaigns.page.illegalMove', { from: t(`campaigns.statuses.${problem.from}`), to: t(`campaigns.statuses.${problem.to}`) })
          : failure instanceof Error
            ? failure.message
            : String(failure),
      );
    } finally {
      await queryClient.invalidateQueries({ queryKey: campaignKey(campaign.id) });
      await queryClient.invalidateQueries({ queryKey: ['campaign-results', campaign.id] });
      await queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      setBusy(false);
    }
  }

  const move = (to: Move) =>
    act(async () => {
      if (to === 'cancelled' && !window.confirm(t('campaigns.page.confirmCancel'))) return undefined;
      await answerOf(rest.POST('/api/v1/campaigns/{id}/transitions', { params: { path }, headers, body: { to } }));
      return undefined;
    });
  const launch = () =>
    act(async () => {
      const report = await answerOf(
        rest.POST('/api/v1/campaigns/{id}/launch', { params: { path }, headers, body: { holdoutShare: Number(holdout) / 100 } }),
      );
      return t('campaigns.page.launched', { treated: report.treated, heldOut: report.heldOut });
    });

  const moves = MOVES[campaign.status];
  if (moves.length === 0 && !error && !message) return null;
  return (
    <section className="campaign-actions" aria-label={t('campaigns.page.actions')}>
      {campaign.status === 'scheduled' && (
        <div className="field-row">
          <Field
            label={t('campaigns.builder.holdout')}
            type="number"
            min={0}
            max={50}
            value={holdout}
            onChange={(e) => setHoldout(e.target.value)}
          />
          <button type="button" disabled={busy} onClick={() => void launch()}>
            {t('campaigns.page.launch')}
          </button>
        </div>
      )}
      <div className="actions">
        {moves.map((to) => (
          <button
            key={to}
            type="button"
            className={to === 'cancelled' ? 'secondary danger' : 'secondary'}
            disabled={busy}
            onClick={() => void move(to)}
          >
            {t(LABEL[to])}
          </button>
        ))}
      </div>
      {message && <p role="status">{message}</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
