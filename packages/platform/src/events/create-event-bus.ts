import { ConfigError, parseUrlSetting } from '../config/config';
import type { EventBus } from './event-bus';
import { LocalEventBus } from './local-event-bus';
import { NatsEventBus } from './nats-event-bus';

/**
 * `local:` → in-process bus; `nats://host:4222` → NATS JetStream. `?stream=&subjectPrefix=` give an installation
 * (or a test run) its own stream on a shared server.
 */
export async function createEventBus(url: string): Promise<EventBus> {
  const parsed = parseUrlSetting('BUS_URL', url, ['local:', 'nats:']);
  if (parsed.protocol === 'local:') return new LocalEventBus();
  const stream = parsed.searchParams.get('stream') ?? undefined;
  const subjectPrefix = parsed.searchParams.get('subjectPrefix') ?? undefined;
  const server = `${parsed.protocol}//${parsed.username ? `${parsed.username}:${parsed.password}@` : ''}${parsed.host}`;
  try {
    return await NatsEventBus.connect(server, { stream, subjectPrefix });
  } catch (error) {
    throw new ConfigError('BUS_URL', (error as Error).message.replace(/ \(BUS_URL\)/, ''));
  }
}
