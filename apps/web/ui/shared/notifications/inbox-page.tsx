import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '../forms/field';
import { useFormat } from '../i18n/format';
import { StatusLine } from '../status-line';
import { type AppTree, noticeTarget } from './notice-link';
import { type Notice, useInbox, useMarkRead, useReadAll, useUnreadCount } from './use-notifications';

/** My notifications: newest first, unread ones marked, each leading to its record; read one or all. */
export function InboxPage({ app }: { app: AppTree }) {
  const { t } = useTranslation();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const unread = useUnreadCount();
  const inbox = useInbox(unreadOnly);
  const readAll = useReadAll();
  const markRead = useMarkRead();

  if (unread.data === null) return <p>{t('notifications.unavailable')}</p>;
  const count = unread.data ?? 0;
  return (
    <section className="inbox">
      <div className="inbox-head">
        <h1>{t('notifications.title')}</h1>
        <Link to="/notifications/preferences">{t('notifications.preferences')}</Link>
      </div>
      <div className="toolbar" role="toolbar" aria-label={t('notifications.title')}>
        <div className="segmented">
          <button
            type="button"
            className={unreadOnly ? 'segment secondary' : 'segment'}
            aria-pressed={!unreadOnly}
            onClick={() => setUnreadOnly(false)}
          >
            {t('notifications.all')}
          </button>
          <button
            type="button"
            className={unreadOnly ? 'segment' : 'segment secondary'}
            aria-pressed={unreadOnly}
            onClick={() => setUnreadOnly(true)}
          >
            {t('notifications.unreadOnly')}
          </button>
        </div>
        <span role="status" className="muted">
          {t('notifications.unread', { count })}
        </span>
        <button type="button" className="secondary" disabled={count === 0 || readAll.isPending} onClick={() => readAll.mutate()}>
          {t('notifications.readAll')}
        </button>
      </div>
      <FormError message={readAll.error?.message ?? markRead.error?.message} />
      <StatusLine loading={inbox.loading} error={inbox.error} />
      {!inbox.loading && inbox.items.length === 0 && <p>{unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}</p>}
      <ul className="notices" aria-label={t('notifications.title')}>
        {inbox.items.map((notice) => (
          <NoticeItem key={notice.id} notice={notice} app={app} onRead={() => markRead.mutate(notice.id)} />
        ))}
      </ul>
      {inbox.hasMore && (
        <button type="button" className="secondary" onClick={inbox.loadMore}>
          {t('common.more')}
        </button>
      )}
    </section>
  );
}

function NoticeItem({ notice, app, onRead }: { notice: Notice; app: AppTree; onRead: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const isUnread = notice.readAt === null;
  // Opening the record reads the notice too.
  const open = () => {
    if (isUnread) onRead();
  };
  const target = notice.link ? noticeTarget(notice.link, app) : undefined;
  return (
    <li className={isUnread ? 'notice unread' : 'notice'} aria-label={notice.title}>
      <div className="notice-text">
        <strong>
          {isUnread && <span className="visually-hidden">{t('notifications.unreadMark')} </span>}
          {notice.title}
        </strong>
        {notice.severity === 'critical' && <span className="badge critical">{t('notifications.critical')}</span>}
        <p>{notice.body}</p>
        <small className="muted">
          <time dateTime={notice.createdAt}>{format.dateTime(notice.createdAt)}</time>
        </small>
      </div>
      <div className="actions">
        {target &&
          ('route' in target ? (
            <Link className="button secondary" to={target.route} onClick={open}>
              {t('notifications.open')}
            </Link>
          ) : (
            <a className="button secondary" href={target.href} onClick={open}>
              {t('notifications.open')}
            </a>
          ))}
        {isUnread && (
          <button type="button" className="secondary" onClick={onRead}>
            {t('notifications.markRead')}
          </button>
        )}
      </div>
    </li>
  );
}
