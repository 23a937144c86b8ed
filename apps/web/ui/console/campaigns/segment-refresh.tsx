import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format';
import type { Campaign } from './campaign-data';

/**
 * How a campaign's segment moves: fixed at launch, or refreshed daily with what the last refresh took in. A refresh
 * that took in nobody because the creator may no longer run campaigns says so, since the segment then stops growing.
 */
export function SegmentRefresh({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!campaign.dailyRefresh) return <p className="segment-refresh">{t('campaigns.page.segmentFixed')}</p>;
  const last = campaign.lastRefresh
    ? t('campaigns.page.lastRefresh', { at: format.dateTime(campaign.lastRefresh.at), count: campaign.lastRefresh.added })
    : t('campaigns.page.notRefreshedYet');
  return (
    <>
      <p className="segment-refresh">
        {t('campaigns.page.segmentDaily')} · {last}
      </p>
      {campaign.refreshPaused && (
        <p className="warning" role="status">
          {t(`campaigns.page.refreshPaused.${campaign.refreshPaused}`)}
        </p>
      )}
    </>
  );
}
