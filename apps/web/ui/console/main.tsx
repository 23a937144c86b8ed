import 'maplibre-gl/dist/maplibre-gl.css';
import '../shared/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProviders } from '../shared/app-providers';
import { initI18n } from '../shared/i18n/i18n';
import { ConsoleApp } from './console-app';

initI18n();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AppProviders>
        <BrowserRouter>
          <ConsoleApp />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>,
  );
}
