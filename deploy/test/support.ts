import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** A failed check: the message says what was expected and what was found. */
export class CheckFailed extends Error {}

export function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new CheckFailed(message);
}

export interface RunResult {
  code: number;
  output: string;
}

/** Runs a command to its end and answers its output (stdout and stderr together); throws when it fails. */
export async function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; allowFailure?: boolean } = {},
): Promise<RunResult> {
  const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  clearTimeout(timer);
  if (code !== 0 && !options.allowFailure) {
    throw new CheckFailed(`${command} ${args.join(' ')} exited with ${code}:\n${tail(output, 40)}`);
  }
  return { code, output };
}

export function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Whether a command is on PATH (each step says which Debian package brings a missing one). */
export async function have(command: string): Promise<boolean> {
  return (await run('sh', ['-c', `command -v ${command}`], { allowFailure: true })).code === 0;
}

export async function requireCommand(command: string, debianPackage: string): Promise<void> {
  check(await have(command), `${command} is missing: apt-get install ${debianPackage}`);
}

/** The services `fieldops serve --services` knows, one Kubernetes base each. */
export function fieldopsServices(): string[] {
  return readdirSync(path.join(ROOT, 'deploy/k8s/base')).filter((d) => d !== 'common');
}

const scratchDirs: string[] = [];

/** A new directory under the system's temporary one, removed by `removeScratchDirs` when the run ends. */
export function scratchDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `fieldops-${name}-`));
  scratchDirs.push(dir);
  return dir;
}

/** Releases, data and Prometheus storage of a run are large: none outlives it. */
export function removeScratchDirs(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A TCP port nothing listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls a URL until it answers 200, or fails after the timeout with the last answer. */
export async function waitForOk(url: string, timeoutMs: number, exited?: () => string | undefined): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < until) {
    const gone = exited?.();
    if (gone) throw new CheckFailed(`the process serving ${url} exited: ${gone}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new CheckFailed(`${url} did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
}

/** A long-running process of a step, with its output kept for the failure message. */
export class Background {
  private output = '';
  private exit: string | undefined;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk) => {
      this.output = tail(this.output + chunk, 200);
    });
    child.stderr?.on('data', (chunk) => {
      this.output = tail(this.output + chunk, 200);
    });
    child.on('exit', (code, signal) => {
      this.exit = `code ${code ?? signal}`;
    });
  }

  static start(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Background {
    return new Background(
      spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
  }

  exited = (): string | undefined => (this.exit ? `${this.exit}\n${tail(this.output, 30)}` : undefined);

  log(lines = 30): string {
    return tail(this.output, lines);
  }

  /** SIGTERM (the graceful shutdown), then SIGKILL after the grace period. */
  async stop(graceMs = 45_000): Promise<void> {
    if (this.exit) return;
    const done = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await done;
    clearTimeout(timer);
  }
}

/** Logs in as the demo administrator and answers whether a token came back. */
export async function demoLogin(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@fieldops.test', password: 'demo1234' }),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  check(response.status === 200, `login answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  check(typeof body.accessToken === 'string', `login answered no accessToken: ${Object.keys(body).join(', ')}`);
}

/** The demo organisation is seeded on a first start: its administrator can log in once the account service has it. */
export async function demoLoginWithin(baseUrl: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await demoLogin(baseUrl);
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
