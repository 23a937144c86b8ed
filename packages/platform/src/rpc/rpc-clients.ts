import type { DescService } from '@bufbuild/protobuf';
import { type Client, type ConnectRouter, createClient, type Interceptor, type Transport } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { ConfigError } from '../config/config';
import { createInProcessTransport } from './in-process-transport';
import { retryUnansweredInterceptor } from './transient-failure';

export type RpcRoutes = (router: ConnectRouter) => void;

/** Proto packages are named `fieldops.<service>.v<N>`: the package names the service that answers. */
export function rpcOwner(service: DescService): string {
  const match = /^fieldops\.([a-z0-9_]+)\.v[0-9]+\./.exec(service.typeName);
  if (!match?.[1]) throw new Error(`RPC service ${service.typeName} is not in a fieldops.<service>.vN package`);
  return match[1];
}

/**
 * Clients for other services' RPC. A target mounted in this process is called in-process (its handler answers
 * directly, messages copied rather than encoded: see `createInProcessTransport`); otherwise over gRPC (HTTP/2) at
 * `SERVICE_<NAME>_URL`. Every call has a deadline; a call a stopping replica refused unprocessed is sent again.
 * `serverInterceptors` run on in-process calls as the network server runs them (the token check).
 */
export class RpcClients {
  private readonly local = new Map<string, RpcRoutes>();
  private readonly transports = new Map<string, Transport>();
  private readonly clients = new Map<string, Client<DescService>>();

  constructor(
    private readonly serviceUrls: Record<string, string>,
    private readonly defaultTimeoutMs = 15_000,
    private readonly serverInterceptors: Interceptor[] = [],
  ) {}

  /** Makes a service's RPC handlers callable in-process. */
  mount(service: string, routes: RpcRoutes): void {
    this.local.set(service, routes);
  }

  isLocal(service: string): boolean {
    return this.local.has(service);
  }

  client<S extends DescService>(service: S): Client<S> {
    let client = this.clients.get(service.typeName);
    if (!client) {
      client = createClient(service, this.transport(rpcOwner(service))) as unknown as Client<DescService>;
      this.clients.set(service.typeName, client);
    }
    return client as unknown as Client<S>;
  }

  private transport(owner: string): Transport {
    let transport = this.transports.get(owner);
    if (transport) return transport;
    const routes = this.local.get(owner);
    const url = this.serviceUrls[owner];
    if (routes) {
      transport = createInProcessTransport(routes, { interceptors: this.serverInterceptors, defaultTimeoutMs: this.defaultTimeoutMs });
    } else if (url) {
      transport = createGrpcTransport({
        baseUrl: url,
        defaultTimeoutMs: this.defaultTimeoutMs,
        interceptors: [retryUnansweredInterceptor()],
      });
    } else {
      throw new ConfigError(
        `SERVICE_${owner.toUpperCase()}_URL`,
        `the ${owner} service does not run in this process and its URL is not set`,
      );
    }
    this.transports.set(owner, transport);
    return transport;
  }
}

/** Call options that carry the caller's identity to the service answering. */
export function asCaller(token: string): { headers: Record<string, string> } {
  return { headers: { authorization: `Bearer ${token}` } };
}
