import { ConfigError, parseUrlSetting } from '../config/config';
import type { EventBus } from './event-bus';
import { LocalEventBus } from './local-event-bus';
import { NatsEventBus } from './nats-event-bus';

/**
 * `local:` → in-process bus; `nats://host:4222` → NATS JetStream. A cluster lists its servers with commas
 * (`nats://a:4222,nats://b:4222,nats://c:4222`): the client fails over between them. `?stream=&subjectPrefix=` give
 * an installation (or a test run) its own stream on a shared server; `?replicas=3` replicates the streams it creates.
 */
export async function createEventBus(url: string): Promise<EventBus> {
  const servers = splitServers(url).map((part) => parseUrlSetting('BUS_URL', part, ['local:', 'nats:']));
  const parsed = servers[servers.length - 1];
  if (!parsed || parsed.protocol === 'local:') return new LocalEventBus();
  const stream = parsed.searchParams.get('stream') ?? undefined;
  const subjectPrefix = parsed.searchParams.get('subjectPrefix') ?? undefined;
  const replicas = streamReplicas(parsed.searchParams.get('replicas'));
  const addresses = servers.map(
    (server) => `${server.protocol}//${server.username ? `${server.username}:${server.password}@` : ''}${server.host}`,
  );
  try {
    return await NatsEventBus.connect(addresses.join(','), { stream, subjectPrefix, replicas });
  } catch (error) {
    throw new ConfigError('BUS_URL', (error as Error).message.replace(/ \(BUS_URL\)/, ''));
  }
}

/** `nats://a:4222,nats://b:4222?stream=X` → each server as a URL of its own; the options ride on the last. */
export function splitServers(url: string): string[] {
  return url.split(',').map((part) => part.trim());
}

function streamReplicas(raw: string | null): number | undefined {
  if (raw === null || raw === '') return undefined;
  const replicas = Number(raw);
  // JetStream allows 1 to 5 replicas.
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 5) {
    throw new ConfigError('BUS_URL', `replicas=${raw} is not a whole number from 1 to 5`);
  }
  return replicas;
}
