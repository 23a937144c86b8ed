// The field app's service worker: the app shell and its assets are served from the cache when the network is
// gone, so a rep can open the app offline. API calls are never cached here; the app queues its writes itself.
const SHELL = 'fieldops-field-shell-v1';

// The page's own scripts and styles have hashed names only its HTML knows: read them from it and keep them too.
async function cacheShell() {
  const cache = await caches.open(SHELL);
  const page = await fetch('/field/');
  const html = await page.clone().text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  await cache.put('/field/', page);
  await cache.addAll(['/field/manifest.webmanifest', '/icon.svg', ...assets]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== SHELL).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// Map tiles come by byte range (206), which the Cache API cannot keep; they are left to the browser's HTTP cache.
function isAppFile(url) {
  return (
    url.origin === self.location.origin &&
    !url.pathname.startsWith('/api/') &&
    !url.pathname.startsWith('/tiles/') &&
    url.pathname !== '/graphql'
  );
}

// Network first (a new deploy shows at once), the cached copy when offline; navigations fall back to the shell.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || !isAppFile(url)) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(SHELL).then((cache) => cache.put(event.request, copy));
        }
        return response;
      })
      .catch(async () => {
        const cached = await caches.match(event.request);
        if (cached) return cached;
        if (event.request.mode === 'navigate') return (await caches.match('/field/')) ?? Response.error();
        return Response.error();
      }),
  );
});

// A Web Push message from the notification service: {title, body, link}. Shown even when no page is open.
self.addEventListener('push', (event) => {
  let notice = { title: 'FieldOps', body: '', link: null };
  try {
    notice = { ...notice, ...event.data?.json() };
  } catch {
    notice.body = event.data?.text() ?? '';
  }
  event.waitUntil(
    self.registration.showNotification(notice.title, {
      body: notice.body,
      icon: '/field/icon-192.png',
      badge: '/field/icon-192.png',
      data: { link: notice.link },
    }),
  );
});

// Opening a notice: focus a window of the app already showing its record, else open one there.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const link = event.notification.data?.link;
  const target = new URL(typeof link === 'string' && link.startsWith('/') ? link : '/field/', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url === target);
      return open ? open.focus() : self.clients.openWindow(target);
    }),
  );
});
