import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether something accepts TCP connections on the port. */
export function answers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function waitForPort(port: number, what: string, host = '127.0.0.1', timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(port, host))) {
    if (Date.now() > deadline) throw new Error(`${what} did not open port ${port} within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

/** Every process the suite starts, so a failure or Ctrl+C can stop them all. */
const started = new Set<Daemon>();

/** One server process the suite starts, stops and kills; its output goes to a log file. */
export class Daemon {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** Spawns since creation: a restart after a kill counts. */
  starts = 0;

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly options: { env?: NodeJS.ProcessEnv; cwd?: string; log: string; namespace?: string },
  ) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    if (this.running) return;
    const out = fs.openSync(this.options.log, 'a');
    // `ip netns exec` enters the namespace and then execs the command: the child's pid is the command's own.
    const [command, args] = this.options.namespace
      ? ['ip', ['netns', 'exec', this.options.namespace, this.command, ...this.args]]
      : [this.command, this.args];
    const child = spawn(command, args, {
      cwd: this.options.cwd,
      env: this.options.env ?? process.env,
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    this.child = child;
    this.starts++;
    started.add(this);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Sends `signal` and waits for the exit (SIGKILL after `graceMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Waits for a process that ends by itself (a command) and answers its exit code. */
  async finished(): Promise<number | null> {
    await this.exited;
    return this.child?.exitCode ?? null;
  }

  kill(): Promise<void> {
    return this.stop('SIGKILL');
  }

  /** Stops the process in its tracks (SIGSTOP) or lets it go on (SIGCONT). */
  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child?.kill(signal);
  }
}

/** Kills whatever is still running: the last step of a run, also after a failure. */
export async function killAll(): Promise<void> {
  await Promise.all([...started].map((daemon) => daemon.kill()));
}
