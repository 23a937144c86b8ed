import type { EdgePlugin } from '@fieldops/platform';
import { ALL_SERVICES } from './services';

/**
 * The gateway routes to every service, local or not: the host decides which ones run in this process. Loaded on
 * demand because only `serve` needs it, and the other commands must keep working when the edge cannot load.
 */
export async function loadGateway(): Promise<EdgePlugin> {
  const { createGateway } = await import('@fieldops/gateway');
  return createGateway({ services: ALL_SERVICES });
}
