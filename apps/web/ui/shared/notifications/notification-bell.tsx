import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnreadCount } from './use-notifications';

/** The header's bell: my unread count, live, linking to the inbox. Absent where notifications are not installed. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  if (unread.data === undefined || unread.data === null) return null;
  const count = unread.data;
  return (
    <Link to="/notifications" className="bell" aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.title')}>
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
        />
      </svg>
      {count > 0 && (
        <span className="bell-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
