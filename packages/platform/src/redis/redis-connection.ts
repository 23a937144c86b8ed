import { createClient } from 'redis';

const CONNECT_TIMEOUT_MS = 3_000;
const PING_TIMEOUT_MS = 2_000;

function newClient(url: string, wasConnected: () => boolean) {
  return createClient({
    url,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Fail fast when Redis is not there at start (a misconfigured CACHE_URL should stop the service),
      // but keep reconnecting once we have been up, so a Redis restart doesn't take the service down.
      reconnectStrategy: (retries, cause) => (wasConnected() ? Math.min(100 * 2 ** retries, 5_000) : cause),
    },
  });
}

// Inferred from the call: `ReturnType<typeof createClient>` is a different instantiation of the generics.
export type RedisClient = ReturnType<typeof newClient>;

export function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/**
 * A connected node-redis client, or an error naming `CACHE_URL` when Redis does not answer at start. `purpose` names
 * the connection in the errors it logs later (`cache`, `pub/sub`).
 */
export async function connectRedis(url: string, purpose: string): Promise<RedisClient> {
  let connected = false;
  const client = newClient(url, () => connected);
  // Without a listener node-redis' connection errors become uncaught exceptions.
  client.on('error', (err: unknown) => {
    if (connected) console.error(`[fieldops] redis ${purpose} connection error:`, err);
  });
  try {
    await client.connect();
    connected = true;
  } catch (err) {
    client.destroy();
    throw new Error(`cannot connect to the ${purpose} at ${redact(url)} (CACHE_URL): ${String(err)}`, { cause: err });
  }
  return client;
}

/** PING with a deadline: a Redis that stopped answering reads as down, not as a hung readiness probe. */
export async function pingRedis(client: RedisClient): Promise<boolean> {
  if (!client.isReady) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([client.ping(), timeout])) === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
