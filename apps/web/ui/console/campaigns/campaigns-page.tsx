import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { usePagedList } from '../../shared/data/use-pages';
import { useFormat } from '../../shared/i18n/format';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';

/** The campaigns I can see, newest first, with how far each has got. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const list = usePagedList(['campaigns'], (cursor) =>
    answerOf(rest.GET('/api/v1/campaigns', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );
  return (
    <section>
      <h1>{t('campaigns.title')}</h1>
      {session.can('campaign:write') && (
        <div className="toolbar">
          <Link className="button" to="/campaigns/new">
            {t('campaigns.new')}
          </Link>
        </div>
      )}
      <StatusLine loading={list.loading} error={list.error} />
      {!list.loading && list.items.length === 0 && <p>{t('campaigns.empty')}</p>}
      {list.items.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t('campaigns.name')}</th>
                <th>{t('campaigns.type')}</th>
                <th>{t('campaigns.status')}</th>
                <th>{t('campaigns.period')}</th>
                <th>{t('campaigns.accepted')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((campaign) => (
                <tr key={campaign.id}>
                  <td>
                    <Link to={`/campaigns/${campaign.id}`}>{campaign.name}</Link>
                  </td>
                  <td>{t(`campaigns.types.${campaign.type}`)}</td>
                  <td>
                    <span className={`badge campaign-${campaign.status}`}>{t(`campaigns.statuses.${campaign.status}`)}</span>
                  </td>
                  <td>
                    {format.date(campaign.startsAt)} – {format.date(campaign.endsAt)}
                  </td>
                  <td>
                    {format.number(campaign.budget.accepted)} / {format.number(campaign.budget.limit)}
                  </td>
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
    </section>
  );
}
