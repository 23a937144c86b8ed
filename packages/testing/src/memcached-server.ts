import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { enginesRequired } from './engines';
import { freePort } from './free-port';

export interface TestMemcached {
  /** A `CACHE_URL` for this server. */
  url: string;
  stop(): Promise<void>;
}

function onPath(binary: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, binary)));
}

/**
 * Whether the memcached suites should run here. Like the other engines, a missing memcached is a plain notice on
 * a developer's machine and a failure in CI (`startMemcached` then throws).
 */
export function memcachedAvailable(): boolean {
  if (enginesRequired || onPath('memcached')) return true;
  console.warn('[fieldops] memcached is not installed: its suites were NOT run here (CI runs them all)');
  return false;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A memcached process of this test run's own, on a free loopback port, TCP only. */
export async function startMemcached(): Promise<TestMemcached> {
  const port = await freePort();
  // memcached refuses to run as root unless told which user to be.
  const asUser = process.getuid?.() === 0 ? ['-u', 'root'] : [];
  const child: ChildProcess = spawn('memcached', ['-p', String(port), '-l', '127.0.0.1', '-U', '0', ...asUser], {
    stdio: 'ignore',
  });
  const exited = new Promise<Error>((resolve) => {
    child.once('error', (error) => resolve(new Error(`memcached could not start: ${error.message}`)));
    child.once('exit', (code) => resolve(new Error(`memcached exited with ${code}`)));
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    const failed = await Promise.race([exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), 50))]);
    if (failed) throw failed;
    if (await answers(port)) {
      return {
        url: `memcached://127.0.0.1:${port}`,
        stop: async () => {
          if (child.exitCode !== null) return;
          const gone = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          await gone;
        },
      };
    }
  }
  child.kill('SIGKILL');
  throw new Error(`memcached did not answer on port ${port}`);
}
