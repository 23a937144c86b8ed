import { freePort } from '@fieldops/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, ServeProcess } from './support/cli-process';
import { removeTempDirs, tempDataDir } from './support/temp-dir';

const running: ServeProcess[] = [];

async function serve(env: Record<string, string>): Promise<{ process: ServeProcess; url: string }> {
  const port = await freePort();
  const process = ServeProcess.start([], { ...env, PORT: String(port) });
  running.push(process);
  // A first start migrates and seeds every service: minutes on a busy two-core machine.
  await process.waitFor('Stop with Ctrl+C', 180_000);
  return { process, url: `http://127.0.0.1:${port}` };
}

afterEach(() => {
  for (const process of running.splice(0)) process.kill();
  removeTempDirs();
});

describe('fieldops serve (embedded)', () => {
  it('seeds the demo organisation on a first start, prints its logins and answers with the gateway in front', async () => {
    const { process, url } = await serve({ DATA_DIR: tempDataDir() });

    expect(process.stdout).toContain('admin@fieldops.test');
    expect(process.stdout).toContain(`${url}/api/docs`);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'rep1.sg@fieldops.test', password: 'demo1234' }),
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toHaveProperty('accessToken');
  }, 240_000);

  it('does not seed again on a second start over the same data, and stops with 0 on SIGTERM', async () => {
    const dataDir = tempDataDir();
    const first = await serve({ DATA_DIR: dataDir });
    expect(await first.process.stop('SIGTERM')).toBe(0);

    const second = await serve({ DATA_DIR: dataDir });
    expect(second.process.stdout).not.toContain('Demo logins');
    // The stop is bounded step by step (the first start's backlog stays in the outboxes for the next one).
    expect(await second.process.stop('SIGTERM')).toBe(0);
    expect(second.process.stdout).toContain('Stopped.');
  }, 420_000);

  it('refuses a malformed setting with one line naming it, and exit code 1', async () => {
    const result = await runCli(['serve'], { DATA_DIR: tempDataDir(), BUS_URL: 'kafka://x' });

    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^fieldops: BUS_URL: /)]);
  });

  it('refuses a database it cannot reach with one line naming DATABASE_URL, and exit code 1', async () => {
    const result = await runCli(['serve'], { DATA_DIR: tempDataDir(), DATABASE_URL: 'mysql://root@127.0.0.1:1' });

    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^fieldops: DATABASE_URL: /)]);
  });
});
