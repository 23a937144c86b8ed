import 'maplibre-gl/dist/maplibre-gl.css';
import '../shared/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProviders } from '../shared/app-providers';
import { initI18n } from '../shared/i18n/i18n';
import { FieldApp } from './field-app';
import { watchDeviceClock } from './offline/device-clock';
import { startBackgroundSync } from './offline/sync-outbox';

initI18n();
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  void navigator.serviceWorker.register('/field/sw.js', { scope: '/field/' });
}
watchDeviceClock();
startBackgroundSync();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AppProviders>
        <BrowserRouter basename="/field">
          <FieldApp />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>,
  );
}
