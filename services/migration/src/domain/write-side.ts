import type { MigrationMode } from '@fieldops/contracts';

/**
 * Which system takes a route's writes in a mode: the other one is fed from it asynchronously (no distributed
 * transaction). In `new` the legacy system is no longer fed: the route has left it.
 */
export function servesWritesFrom(mode: MigrationMode): 'legacy' | 'fieldops' | 'fieldops-only' {
  if (mode === 'legacy' || mode === 'shadow') return 'legacy';
  return mode === 'primary-new' ? 'fieldops' : 'fieldops-only';
}
