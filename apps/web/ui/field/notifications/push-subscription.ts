import { answerOf, rest } from '../../shared/api/client';

/** Whether this phone gets Web Push: not possible here, not set up on the server, blocked by the user, off or on. */
export type PushState = 'unsupported' | 'unavailable' | 'blocked' | 'off' | 'on';

/** The server's id of this browser's subscription, to remove it when the user turns push off. */
const SUBSCRIPTION_ID = 'fieldops.pushSubscriptionId';

function supported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** The app's service worker; only the built app registers one (development serves none). */
async function registration(): Promise<ServiceWorkerRegistration | undefined> {
  return navigator.serviceWorker.getRegistration('/field/');
}

export async function pushKey(): Promise<string | null> {
  return (await answerOf(rest.GET('/api/v1/push-subscriptions/key'))).publicKey;
}

export async function pushState(publicKey: string | null): Promise<PushState> {
  if (!supported() || !(await registration())) return 'unsupported';
  if (!publicKey) return 'unavailable';
  if (Notification.permission === 'denied') return 'blocked';
  const subscription = await (await registration())?.pushManager.getSubscription();
  return subscription && localStorage.getItem(SUBSCRIPTION_ID) ? 'on' : 'off';
}

/** Asks the user, subscribes the service worker with the server's VAPID key and registers the subscription. */
export async function turnPushOn(publicKey: string): Promise<PushState> {
  if ((await Notification.requestPermission()) !== 'granted') return 'blocked';
  const worker = await navigator.serviceWorker.ready;
  const subscription =
    (await worker.pushManager.getSubscription()) ??
    (await worker.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytesOf(publicKey) }));
  const { endpoint, keys } = subscription.toJSON();
  if (!endpoint || !keys?.p256dh || !keys.auth) throw new Error('the browser gave a subscription without keys');
  const saved = await answerOf(
    rest.POST('/api/v1/push-subscriptions', { body: { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } } }),
  );
  localStorage.setItem(SUBSCRIPTION_ID, saved.id);
  return 'on';
}

export async function turnPushOff(): Promise<PushState> {
  const id = localStorage.getItem(SUBSCRIPTION_ID);
  if (id) await answerOf(rest.DELETE('/api/v1/push-subscriptions/{id}', { params: { path: { id } } }));
  localStorage.removeItem(SUBSCRIPTION_ID);
  await (await (await registration())?.pushManager.getSubscription())?.unsubscribe();
  return 'off';
}

/** The base64url key as the bytes `applicationServerKey` takes. */
function bytesOf(base64url: string): Uint8Array<ArrayBuffer> {
  const binary = atob(
    base64url
      .replaceAll('-', '+')
      .replaceAll('_', '/')
      .padEnd(Math.ceil(base64url.length / 4) * 4, '='),
  );
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
