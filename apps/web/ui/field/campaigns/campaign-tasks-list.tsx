import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../shared/i18n/format';
import { visitLink } from '../visit/visit-link';
import { useCampaignTasks } from './campaign-tasks';

/** The day's campaign visits: which merchant, for which offer, by when, and what to say. */
export function CampaignTasksList() {
  const { t } = useTranslation();
  const format = useFormat();
  const tasks = useCampaignTasks();
  const items = tasks.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="campaign-tasks">
      <h2 id="campaign-tasks">{t('campaigns.field.tasks')}</h2>
      <ul className="stops">
        {items.map((task) => (
          <li key={task.id} className="card campaign-task">
            <strong>{task.merchantName}</strong>
            <small>
              {t('campaigns.field.offer', { name: task.campaignName })} · {t('campaigns.field.due', { date: format.date(task.dueAt) })}
            </small>
            {task.talkingPoints && <p className="talking-points">{task.talkingPoints}</p>}
            <div className="stop-actions">
              <Link
                className="button"
                to={visitLink({ type: 'merchant', id: task.merchantId, name: task.merchantName, lat: task.lat, lng: task.lng })}
              >
                {t('field.visit.checkIn')}
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
