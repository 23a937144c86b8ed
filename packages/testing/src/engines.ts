import net from 'node:net';

/**
 * The real engines the integration suites run against. On a developer's machine a suite whose engine does not
 * answer is left out with a plain notice; in CI (`CI=true`) every engine is required, so a missing one fails.
 */
export type Engine = 'mariadb' | 'nats' | 'redis';

export const engineUrls: Record<Engine, string> = {
  mariadb: process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
  nats: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
  redis: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
};

export const enginesRequired = process.env.CI === 'true' || process.env.FIELDOPS_REQUIRE_ENGINES === 'true';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port), timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const probes = new Map<Engine, Promise<boolean>>();

/** Whether the suites for this engine should run here. */
export async function engineAvailable(engine: Engine): Promise<boolean> {
  if (enginesRequired) return true;
  let probe = probes.get(engine);
  if (!probe) {
    probe = reachable(engineUrls[engine]).then((ok) => {
      if (!ok) {
        console.warn(`[fieldops] ${engine} is not reachable at ${engineUrls[engine]}: its suites were NOT run here (CI runs them all)`);
      }
      return ok;
    });
    probes.set(engine, probe);
  }
  return probe;
}
