import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { InboxPage } from '../shared/notifications/inbox-page';
import { PreferencesPage } from '../shared/notifications/preferences-page';
import { LoginPage } from '../shared/session/login-page';
import { useSession } from '../shared/session/session';
import { FieldLayout } from './field-layout';
import { MyDayPage } from './my-day/my-day-page';
import { NearbyPage } from './nearby/nearby-page';
import { NewLeadPage } from './new-lead/new-lead-page';
import { PushOptIn } from './notifications/push-opt-in';
import { MyFiguresPage } from './performance/my-figures-page';
import { QueuePage } from './queue/queue-page';
import { CompleteOnSitePage } from './tickets/complete-on-site-page';
import { MyTicketsPage } from './tickets/my-tickets-page';
import { FieldTicketPage } from './tickets/ticket-page';
import { FieldVisitDetailPage } from './visit/visit-detail-page';
import { VisitPage } from './visit/visit-page';

/** The field app for reps on a phone: the login page until a session exists, then the tabs. */
export function FieldApp() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.loading) return <p className="loading">{t('common.loading')}</p>;
  if (!session.me) return <LoginPage title={t('app.field')} />;
  return (
    <Routes>
      <Route element={<FieldLayout />}>
        <Route index element={<MyDayPage />} />
        <Route path="nearby" element={<NearbyPage />} />
        <Route path="new-lead" element={<NewLeadPage />} />
        <Route path="tickets" element={<MyTicketsPage />} />
        <Route path="tickets/:id" element={<FieldTicketPage />} />
        <Route path="tickets/:id/complete" element={<CompleteOnSitePage />} />
        <Route path="queue" element={<QueuePage />} />
        <Route path="performance" element={<MyFiguresPage />} />
        <Route path="visit/:targetType/:targetId" element={<VisitPage />} />
        <Route path="visits/:id" element={<FieldVisitDetailPage />} />
        <Route path="notifications" element={<InboxPage app="field" />} />
        <Route
          path="notifications/preferences"
          element={
            <PreferencesPage>
              <PushOptIn />
            </PreferencesPage>
          }
        />
        <Route path="*" element={<MyDayPage />} />
      </Route>
    </Routes>
  );
}
