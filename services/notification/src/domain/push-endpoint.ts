/**
 * The push services browsers subscribe through: Chrome and Edge (FCM), Firefox, Windows, Safari. The service sends
 * to a subscription's endpoint from inside the network, so an endpoint anywhere else would let a user make it
 * call internal addresses; `PUSH_SERVICE_HOSTS` replaces the list (a self-hosted push service, a test's own).
 */
export const KNOWN_PUSH_SERVICES = ['fcm.googleapis.com', 'push.services.mozilla.com', 'notify.windows.com', 'push.apple.com'];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why an endpoint is refused, or undefined when it is at one of `hosts` (a host or its subdomains), over https. */
export function pushEndpointProblem(endpoint: string, hosts: readonly string[]): string | undefined {
  const url = new URL(endpoint);
  const listed = hosts.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
  if (!listed) return `is not at a known push service (${hosts.join(', ')})`;
  if (url.protocol !== 'https:' && !LOOPBACK.has(url.hostname)) return 'must use https';
  return undefined;
}

/** The push services of `PUSH_SERVICE_HOSTS` (comma-separated), or the known ones. */
export function pushServiceHosts(setting: string | undefined): string[] {
  const hosts = (setting ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
  return hosts.length > 0 ? hosts : KNOWN_PUSH_SERVICES;
}
