import net from 'node:net';

const CONNECT_TIMEOUT_MS = 3_000;
const COMMAND_TIMEOUT_MS = 5_000;

/** One item of a `gets` answer. */
export interface MemcachedItem {
  value: string;
  cas: string;
}

type Reply = { kind: 'line'; line: string } | { kind: 'items'; items: Map<string, MemcachedItem> };

interface Pending {
  /** A retrieval answers `VALUE …` blocks up to `END`; every other command answers one line. */
  retrieval: boolean;
  items: Map<string, MemcachedItem>;
  resolve(reply: Reply): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * A small client for memcached's text protocol over one pipelined TCP connection: commands are written in order
 * and memcached answers in the same order, so a FIFO of pending commands is all the bookkeeping there is. A lost
 * connection fails the commands in flight and is opened again by the next command.
 */
export class MemcachedConnection {
  private socket: net.Socket | undefined;
  private connecting: Promise<net.Socket> | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly pending: Pending[] = [];
  private closed = false;

  private constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  /** Connects at once so a wrong `CACHE_URL` stops the start with a clear error. */
  static async connect(host: string, port: number): Promise<MemcachedConnection> {
    const connection = new MemcachedConnection(host, port);
    await connection.open();
    return connection;
  }

  private open(): Promise<net.Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    if (this.connecting) return this.connecting;
    this.connecting = new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      const timer = setTimeout(
        () => socket.destroy(new Error(`memcached at ${this.host}:${this.port} did not answer`)),
        CONNECT_TIMEOUT_MS,
      );
      socket.once('connect', () => {
        clearTimeout(timer);
        this.socket = socket;
        this.buffer = Buffer.alloc(0);
        resolve(socket);
      });
      socket.on('data', (chunk: Buffer) => this.receive(chunk));
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`memcached at ${this.host}:${this.port}: ${error.message}`));
        this.failAll(error);
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        this.failAll(new Error('memcached connection closed'));
      });
    }).finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /** Sends one command (and its data block, for storage commands) and waits for its answer. */
  async command(line: string, data?: string, retrieval = false): Promise<Reply> {
    if (this.closed) throw new Error('memcached connection is closed');
    const socket = await this.open();
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => socket.destroy(new Error(`memcached did not answer "${line.split(' ')[0]}"`)), COMMAND_TIMEOUT_MS);
      this.pending.push({ retrieval, items: new Map(), resolve, reject, timer });
      socket.write(data === undefined ? `${line}\r\n` : `${line}\r\n${data}\r\n`);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end('quit\r\n');
    });
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const head = this.pending[0];
      const end = this.buffer.indexOf('\r\n');
      if (!head || end < 0) return;
      const line = this.buffer.subarray(0, end).toString('utf8');
      if (head.retrieval && line.startsWith('VALUE ')) {
        // VALUE <key> <flags> <bytes> [<cas>]\r\n<data>\r\n
        const [, key = '', , bytes = '0', cas = ''] = line.split(' ');
        const start = end + 2;
        const stop = start + Number(bytes);
        if (this.buffer.length < stop + 2) return;
        head.items.set(key, { value: this.buffer.subarray(start, stop).toString('utf8'), cas });
        this.buffer = this.buffer.subarray(stop + 2);
        continue;
      }
      this.buffer = this.buffer.subarray(end + 2);
      this.pending.shift();
      clearTimeout(head.timer);
      if (line === 'ERROR' || line.startsWith('CLIENT_ERROR') || line.startsWith('SERVER_ERROR')) {
        head.reject(new Error(`memcached: ${line}`));
      } else if (head.retrieval && line === 'END') {
        head.resolve({ kind: 'items', items: head.items });
      } else {
        head.resolve({ kind: 'line', line });
      }
    }
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.splice(0)) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
    }
  }
}

/** The single-line answer of a storage/delete/arithmetic command. */
export function lineOf(reply: Reply): string {
  if (reply.kind !== 'line') throw new Error('memcached: expected a one-line answer');
  return reply.line;
}

export function itemsOf(reply: Reply): Map<string, MemcachedItem> {
  if (reply.kind !== 'items') throw new Error(`memcached: unexpected answer "${reply.line}"`);
  return reply.items;
}
