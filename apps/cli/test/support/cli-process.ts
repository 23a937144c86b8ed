import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ENTRY = 'apps/cli/src/main.ts';

/** FieldOps settings of the developer's shell must not leak into a test's process. */
const INHERITED_SETTING =
  /^(DATA_DIR|PORT|HOST|DATABASE_URL|DATABASE_REPLICA_.+|.+_DATABASE_REPLICA_URL|OUTBOX_RELAY|BUS_URL|CACHE_URL|FILES_URL|FILES_MIGRATION_.+|CACHE_MIGRATION_.+|SEARCH_URL|.+_DATABASE_URL|SERVICE_.+_URL)$/;

function cliEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!INHERITED_SETTING.test(key)) env[key] = value;
  return { ...env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...overrides };
}

function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: REPO_ROOT, env: cliEnv(env), stdio: 'pipe' });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one command to its end. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A long-running `fieldops serve`: wait for its output, then stop it the way an orchestrator would. */
export class ServeProcess {
  stdout = '';
  stderr = '';
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) =>
      child.once('close', (code) => {
        this.exitCode = code;
        resolve(code);
      }),
    );
  }

  static start(args: string[], env: Record<string, string>): ServeProcess {
    return new ServeProcess(spawnCli(['serve', ...args], env));
  }

  /** Resolves once stdout shows `text`; fails as soon as the process ends without it. */
  waitFor(text: string, timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const output = () => `\n--- stdout\n${this.stdout}\n--- stderr\n${this.stderr}`;
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.child.stdout?.off('data', onData);
        this.child.off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      // Registered after the constructor's listener, so `this.stdout` already holds the chunk.
      const onData = () => {
        if (this.stdout.includes(text)) finish();
      };
      const onClose = (code: number | null) => finish(new Error(`serve exited with ${code} before printing "${text}"${output()}`));
      const timer = setTimeout(() => finish(new Error(`serve did not print "${text}" within ${timeoutMs} ms${output()}`)), timeoutMs);
      this.child.stdout?.on('data', onData);
      this.child.once('close', onClose);
      if (this.stdout.includes(text)) finish();
      else if (this.exitCode !== undefined) onClose(this.exitCode);
    });
  }

  /** Sends the signal and answers the exit code, or throws when the process outlives `timeoutMs` (the host's own stop is bounded, step by step). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 60_000): Promise<number | null> {
    if (this.exitCode !== undefined) return this.exitCode;
    this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`serve did not exit within ${timeoutMs} ms of ${signal}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** For cleanup after a failed test: no grace. */
  kill(): void {
    if (this.exitCode === undefined) this.child.kill('SIGKILL');
  }
}
