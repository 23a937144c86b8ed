import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { LanguageSwitcher } from '../shared/i18n/language-switcher';
import { NotificationBell } from '../shared/notifications/notification-bell';
import { useLiveNotifications } from '../shared/notifications/use-notifications';
import { useSession } from '../shared/session/session';

const SECTIONS = [
  { to: '/', key: 'nav.dashboard' },
  { to: '/map', key: 'nav.map' },
  { to: '/merchants', key: 'nav.merchants' },
  { to: '/leads', key: 'nav.leads' },
  { to: '/tickets', key: 'nav.tickets' },
  { to: '/areas', key: 'nav.areas' },
  { to: '/team', key: 'nav.team' },
  { to: '/reviews', key: 'nav.reviews' },
  { to: '/performance', key: 'nav.performance' },
  { to: '/admin', key: 'nav.admin' },
] as const;

export function ConsoleLayout() {
  const { t } = useTranslation();
  const session = useSession();
  useLiveNotifications();
  return (
    <div className="console">
      <header className="console-header">
        <strong>{t('app.console')}</strong>
        <nav aria-label={t('app.console')}>
          {SECTIONS.map((section) => (
            <NavLink key={section.to} to={section.to} end={section.to === '/'}>
              {t(section.key)}
            </NavLink>
          ))}
        </nav>
        <div className="console-user">
          <NotificationBell />
          <span>{session.me?.user.name}</span>
          <LanguageSwitcher />
          <button type="button" onClick={() => void session.signOut()}>
            {t('common.signOut')}
          </button>
        </div>
      </header>
      <main className="console-main">
        <Outlet />
      </main>
    </div>
  );
}
