import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { LanguageSwitcher } from '../shared/i18n/language-switcher';
import { NotificationBell } from '../shared/notifications/notification-bell';
import { useLiveNotifications } from '../shared/notifications/use-notifications';
import { useSession } from '../shared/session/session';
import { MAIN_ID, SkipLink } from '../shared/skip-link';
import { useOutbox } from './offline/use-outbox';

const TABS = [
  { to: '/', key: 'field.tabs.myDay' },
  { to: '/tickets', key: 'fieldTickets.tab' },
  { to: '/nearby', key: 'field.tabs.nearby' },
  { to: '/new-lead', key: 'field.tabs.newLead' },
  { to: '/queue', key: 'field.tabs.queue' },
  { to: '/performance', key: 'field.tabs.performance' },
] as const;

export function FieldLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const { entries, online, syncing } = useOutbox();
  const pending = entries.filter((entry) => entry.state === 'pending').length;
  const refused = entries.length - pending;
  useLiveNotifications();
  return (
    <div className="field-app">
      <SkipLink />
      <header className="field-header">
        <strong>{t('app.field')}</strong>
        <span className={online ? 'sync-state' : 'sync-state offline'} role="status" aria-label={t('field.queue.title')}>
          {online ? t('field.queue.online') : t('field.queue.offline')}
          {syncing ? ` · ${t('field.queue.syncing')}` : pending > 0 ? ` · ${t('field.queue.waiting', { count: pending })}` : ''}
          {refused > 0 && ` · ${t('fieldSync.refused.count', { count: refused })}`}
        </span>
        <NotificationBell />
      </header>
      <main className="field-main" id={MAIN_ID} tabIndex={-1}>
        <Outlet />
        <footer className="field-footer">
          <LanguageSwitcher />
          <button type="button" className="secondary" onClick={() => void session.signOut()}>
            {t('common.signOut')}
          </button>
        </footer>
      </main>
      <nav className="field-tabs" aria-label={t('app.field')}>
        {TABS.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.to === '/'}>
            {t(tab.key)}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
