import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../shared/i18n/format';
import { StatusLine } from '../../shared/status-line';
import { type FunnelStep, useMembers } from './campaign-data';

/** The merchants behind one funnel step, with their answer: every count on the page can be read down to names. */
export function CampaignMembers({ campaignId, step, names }: { campaignId: string; step: FunnelStep; names: Map<string, string> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useMembers(campaignId, step);
  return (
    <div>
      <StatusLine loading={list.loading} error={list.error} />
      {!list.loading && list.items.length === 0 && <p>{t('common.none')}</p>}
      {list.items.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t('merchants.name')}</th>
                <th>{t('campaigns.page.state')}</th>
                <th>{t('campaigns.page.channel')}</th>
                <th>{t('campaigns.page.decidedAt')}</th>
                <th>{t('campaigns.page.rep')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((member) => (
                <tr key={member.merchantId}>
                  <td>
                    <Link to={`/merchants/${member.merchantId}`}>{member.name}</Link>
                  </td>
                  <td>{member.state ? t(`campaigns.page.states.${member.state}`) : t('campaigns.page.steps.held-out')}</td>
                  <td>{member.channel ? t(`campaigns.page.channels.${member.channel}`, member.channel) : '—'}</td>
                  <td>{format.dateTime(member.decidedAt)}</td>
                  <td>{(member.ownerId && names.get(member.ownerId)) || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasMore && (
        <button type="button" className="secondary" onClick={list.loadMore}>
          {t('common.more')}
        </button>
      )}
    </div>
  );
}
