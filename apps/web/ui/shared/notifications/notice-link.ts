export type AppTree = 'console' | 'field';

/**
 * Where a notice's link (`/console/leads/42`, `/field/visits/7`) leads from `app`: a route of the app's own tree
 * (followed without reloading) or a page of the other app. The console is served at `/`, so `/console` is dropped.
 */
export function noticeTarget(link: string, app: AppTree): { route: string } | { href: string } {
  const isField = link === '/field' || link.startsWith('/field/');
  const path = isField ? link.slice('/field'.length) || '/' : link.replace(/^\/console(?=\/|$)/, '') || '/';
  if ((app === 'field') === isField) return { route: path };
  return { href: isField ? link : path };
}
