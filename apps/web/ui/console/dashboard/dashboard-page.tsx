import { useTranslation } from 'react-i18next';
import { useSession } from '../../shared/session/session';

export function DashboardPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <section>
      <h1>{t('dashboard.title')}</h1>
      <p>{t('dashboard.greeting', { name: session.me?.user.name })}</p>
    </section>
  );
}
