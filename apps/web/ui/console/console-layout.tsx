import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { LanguageSwitcher } from '../shared/i18n/language-switcher';
import { NotificationBell } from '../shared/notifications/notification-bell';
import { useLiveNotifications } from '../shared/notifications/use-notifications';
import { useSession } from '../shared/session/session';
import { MAIN_ID, SkipLink } from '../shared/skip-link';
import { HeaderSearch } from './search/header-search';

/** The console's sections, each with the permission it needs: a section the user cannot use is not offered. */
const SECTIONS = [
  { to: '/', key: 'nav.dashboard' },
  { to: '/map', key: 'nav.map' },
  { to: '/merchants', key: 'nav.merchants', permission: 'merchant:read' },
  { to: '/leads', key: 'nav.leads', permission: 'lead:read' },
  { to: '/tickets', key: 'nav.tickets', permission: 'ticket:read' },
  { to: '/campaigns', key: 'campaigns.nav', permission: 'campaign:read' },
  { to: '/areas', key: 'nav.areas', permission: 'area:read' },
  { to: '/team', key: 'nav.team', permission: 'user:read' },
  { to: '/reviews', key: 'nav.reviews', permission: 'visit:review' },
  { to: '/performance', key: 'nav.performance', permission: 'performance:read' },
  { to: '/admin', key: 'nav.admin', permission: 'user:read' },
] as const satisfies readonly { to: string; key: string; permission?: string }[];

export function ConsoleLayout() {
  const { t } = useTranslation();
  const session = useSession();
  useLiveNotifications();
  return (
    <div className="console">
      <SkipLink />
      <header className="console-header">
        <strong>{t('app.console')}</strong>
        <nav aria-label={t('app.console')}>
          {SECTIONS.filter((section) => !('permission' in section) || session.can(section.permission)).map((section) => (
            <NavLink key={section.to} to={section.to} end={section.to === '/'}>
              {t(section.key)}
            </NavLink>
          ))}
        </nav>
        {session.can('search:read') && <HeaderSearch />}
        <div className="console-user">
          <NotificationBell />
          <span>{session.me?.user.name}</span>
          <LanguageSwitcher />
          <button type="button" onClick={() => void session.signOut()}>
            {t('common.signOut')}
          </button>
        </div>
      </header>
      <main className="console-main" id={MAIN_ID} tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
