import { Agent, type Dispatcher } from 'undici';

export interface UpstreamTimeouts {
  /** Establishing the TCP connection. */
  connectMs: number;
  /** From sending the request to receiving the response headers. */
  headersMs: number;
  /** Between two chunks of the response body (long enough for server-sent events with heartbeats). */
  bodyIdleMs: number;
}

const DEFAULT_TIMEOUTS: UpstreamTimeouts = { connectMs: 3_000, headersMs: 30_000, bodyIdleMs: 60_000 };
const PROBE_TIMEOUT_MS = 2_000;

export type UpstreamRequest = Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { path: string };

/**
 * A service that runs in another process, reached at its `SERVICE_<NAME>_URL` over pooled HTTP/1.1 connections
 * (one agent per service, so one slow service cannot take the others' sockets).
 */
export class Upstream {
  private readonly agent: Agent;
  private readonly origin: string;
  /** A base URL may carry a path (`http://lb/account`); requests are sent below it. */
  private readonly basePath: string;

  constructor(
    readonly name: string,
    url: string,
    timeouts: UpstreamTimeouts = DEFAULT_TIMEOUTS,
  ) {
    const base = new URL(url);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/$/, '');
    this.agent = new Agent({
      connect: { timeout: timeouts.connectMs },
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyIdleMs,
    });
  }

  request(options: UpstreamRequest): Promise<Dispatcher.ResponseData> {
    return this.agent.request({ ...options, origin: this.origin, path: `${this.basePath}${options.path}` });
  }

  /** Sends a request whose answer `handler` takes as it arrives: no stream objects in between (the forwarding lane). */
  dispatch(options: Omit<Dispatcher.DispatchOptions, 'origin' | 'path'> & { path: string }, handler: Dispatcher.DispatchHandler): void {
    this.agent.dispatch({ ...options, origin: this.origin, path: `${this.basePath}${options.path}` }, handler);
  }

  /** GETs a JSON document; answers undefined when the service cannot be reached or does not answer 200. */
  async getJson(path: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<unknown> {
    try {
      const response = await this.request({
        method: 'GET',
        path,
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.statusCode !== 200) {
        await response.body.dump();
        return undefined;
      }
      return await response.body.json();
    } catch {
      return undefined;
    }
  }

  /** Whether the service answers its own readiness probe. */
  async ready(): Promise<boolean> {
    try {
      const response = await this.request({ method: 'GET', path: '/readyz', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      await response.body.dump();
      return response.statusCode === 200;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** The setting that points the gateway at a service running elsewhere. */
export function serviceUrlSetting(service: string): string {
  return `SERVICE_${service.toUpperCase()}_URL`;
}
