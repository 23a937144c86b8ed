import { randomBytes } from 'node:crypto';
import { engineAvailable, engineUrls, eventually } from '@fieldops/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/config';
import { createPubSub } from '../src/pubsub/create-pub-sub';
import { MemoryPubSub } from '../src/pubsub/memory-pub-sub';
import type { PubSub } from '../src/pubsub/pub-sub';
import { RedisPubSub } from '../src/pubsub/redis-pub-sub';

interface Driver {
  name: 'memory' | 'redis';
  /** Two ends on the same channels: two processes' connections for Redis, one process for memory. */
  open(keyPrefix: string): Promise<[PubSub, PubSub]>;
}

const drivers: Driver[] = [
  {
    name: 'memory',
    async open() {
      const one = new MemoryPubSub();
      return [one, one];
    },
  },
];
if (await engineAvailable('redis')) {
  drivers.push({
    name: 'redis',
    open: async (keyPrefix) => [
      await RedisPubSub.connect(engineUrls.redis, { keyPrefix }),
      await RedisPubSub.connect(engineUrls.redis, { keyPrefix }),
    ],
  });
}

/** Collects what a listener receives. */
function inbox(): { messages: string[]; listener: (message: string) => void } {
  const messages: string[] = [];
  return { messages, listener: (message) => messages.push(message) };
}

describe.each(drivers)('pub/sub conformance: $name', (driver) => {
  let opened: PubSub[] = [];
  const open = async (keyPrefix = `fieldops-test:${randomBytes(4).toString('hex')}:`) => {
    const ends = await driver.open(keyPrefix);
    opened.push(...ends);
    return ends;
  };
  afterEach(async () => {
    for (const end of new Set(opened)) await end.close();
    opened = [];
  });

  it('a message published on one end reaches every listener of its channel on the other, and no other channel', async () => {
    const [publisher, subscriber] = await open();
    const first = inbox();
    const second = inbox();
    const elsewhere = inbox();
    await subscriber.subscribe('user:a', first.listener);
    await subscriber.subscribe('user:a', second.listener);
    await subscriber.subscribe('user:b', elsewhere.listener);
    await publisher.publish('user:a', '{"id":1}');
    await publisher.publish('user:a', '{"id":2}');
    await eventually(() => expect(first.messages).toEqual(['{"id":1}', '{"id":2}']));
    await eventually(() => expect(second.messages).toEqual(['{"id":1}', '{"id":2}']));
    await publisher.publish('user:b', 'marker');
    await eventually(() => expect(elsewhere.messages).toEqual(['marker']));
  });

  it('a stopped listener hears nothing more; the channel’s other listeners still do', async () => {
    const [publisher, subscriber] = await open();
    const stopped = inbox();
    const staying = inbox();
    const stop = await subscriber.subscribe('user:c', stopped.listener);
    await subscriber.subscribe('user:c', staying.listener);
    await stop();
    await publisher.publish('user:c', 'after');
    await eventually(() => expect(staying.messages).toEqual(['after']));
    expect(stopped.messages).toEqual([]);
  });

  it('a channel left by its last listener and joined again delivers to the new one', async () => {
    const [publisher, subscriber] = await open();
    const before = inbox();
    const again = inbox();
    const stop = await subscriber.subscribe('user:d', before.listener);
    // Leaving and joining at once: the second subscription must not be undone by the first's unsubscribe.
    const [, stopAgain] = await Promise.all([stop(), subscriber.subscribe('user:d', again.listener)]);
    await publisher.publish('user:d', 'hello');
    await eventually(() => expect(again.messages).toEqual(['hello']));
    expect(before.messages).toEqual([]);
    await stopAgain();
  });

  it('a listener that throws does not keep the message from the others', async () => {
    const [publisher, subscriber] = await open();
    const after = inbox();
    await subscriber.subscribe('user:e', () => {
      throw new Error('a broken listener');
    });
    await subscriber.subscribe('user:e', after.listener);
    await publisher.publish('user:e', 'still');
    await eventually(() => expect(after.messages).toEqual(['still']));
  });

  it('a thousand channels subscribed at once each get their own message', async () => {
    const [publisher, subscriber] = await open();
    const inboxes = Array.from({ length: 1_000 }, () => inbox());
    await Promise.all(inboxes.map((box, n) => subscriber.subscribe(`user:${n}`, box.listener)));
    await Promise.all(inboxes.map((_box, n) => publisher.publish(`user:${n}`, `for ${n}`)));
    await eventually(() => expect(inboxes.map((box) => box.messages)).toEqual(inboxes.map((_box, n) => [`for ${n}`])));
  });
});

// Only Redis spans installations: the memory driver is one process's by construction.
describe.each(drivers.filter((d) => d.name === 'redis'))('pub/sub key prefixes: $name', (driver) => {
  const opened: PubSub[] = [];
  const open = async (keyPrefix: string) => {
    const ends = await driver.open(keyPrefix);
    opened.push(...ends);
    return ends;
  };
  afterEach(async () => {
    for (const end of opened.splice(0)) await end.close();
  });

  it('installations with other key prefixes never hear each other', async () => {
    const [publisher] = await open('fieldops-test:one:');
    const [, other] = await open('fieldops-test:two:');
    const [, same] = await open('fieldops-test:one:');
    const foreign = inbox();
    const own = inbox();
    await other.subscribe('user:f', foreign.listener);
    await same.subscribe('user:f', own.listener);
    await publisher.publish('user:f', 'private');
    await eventually(() => expect(own.messages).toEqual(['private']));
    expect(foreign.messages).toEqual([]);
  });
});

describe('choosing the pub/sub', () => {
  it('follows CACHE_URL: memory: in this process, redis:// on the server', async () => {
    const memory = await createPubSub('memory:');
    expect(memory.kind).toBe('memory');
    await memory.close();
    if (!(await engineAvailable('redis'))) return;
    const redis = await createPubSub(`${engineUrls.redis}?keyPrefix=fieldops-test:choose:`);
    expect(redis.kind).toBe('redis');
    expect(await redis.ping()).toBe(true);
    await redis.close();
  });

  it('stops the start naming CACHE_URL when Redis does not answer or the scheme is wrong', async () => {
    await expect(createPubSub('redis://127.0.0.1:1')).rejects.toBeInstanceOf(ConfigError);
    await expect(createPubSub('redis://127.0.0.1:1')).rejects.toThrow(/CACHE_URL/);
    await expect(createPubSub('kafka://broker')).rejects.toThrow(/CACHE_URL/);
  });
});
