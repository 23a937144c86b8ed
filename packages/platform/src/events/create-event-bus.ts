import { parseUrlSetting } from '../config/config';
import type { EventBus } from './event-bus';
import { LocalEventBus } from './local-event-bus';
import { NatsEventBus } from './nats-event-bus';

/** `local:` → in-process bus; `nats://host:4222` → NATS JetStream. */
export async function createEventBus(url: string): Promise<EventBus> {
  const parsed = parseUrlSetting('BUS_URL', url, ['local:', 'nats:']);
  if (parsed.protocol === 'local:') return new LocalEventBus();
  return NatsEventBus.connect(url);
}
