import fs from 'node:fs';
import path from 'node:path';
import type { EdgePlugin, ServiceDefinition } from '@fieldops/platform';
import { docsRoutes } from './docs';
import { ANONYMOUS, identifyCaller } from './edge-auth';
import { installForwardingLane } from './forwarding-lane';
import { graphqlRoutes } from './graphql/graphql-routes';
import { mapRoutes, mapSettings } from './map-routes';
import { migrationConfigured, setUpMigration } from './migration/migration-setup';
import { openApiRoutes } from './openapi';
import { proxyRoutes, type RemoteService } from './proxy';
import { RateLimiter } from './rate-limit';
import { Upstream } from './upstream';
import { webAppRoutes, webDistDirectory } from './web-app';

export interface GatewayOptions {
  /** Every service of the deployment; those not running in this process are forwarded to their `SERVICE_<NAME>_URL`. */
  services: ServiceDefinition[];
  /** How long a remote service's OpenAPI document is reused (default 30 s). */
  openapiCacheMs?: number;
}

/**
 * The one public entry, embedded or distributed: checks access tokens at the edge, rate-limits `/api`, forwards
 * the routes of services that run elsewhere, serves the merged OpenAPI document, its docs UI, the GraphQL BFF, the
 * maps' settings and self-hosted tiles, and the web app.
 */
export function createGateway(options: GatewayOptions): EdgePlugin {
  return {
    name: 'gateway',
    async register(app, host) {
      const { config, auth, cache } = host.runtime;
      const remote: RemoteService[] = options.services
        .filter((service) => !host.service(service.name))
        .map((service) => {
          const url = config.serviceUrls[service.name];
          return { name: service.name, prefixes: service.prefixes, upstream: url ? new Upstream(service.name, url) : undefined };
        });
      for (const { name, upstream } of remote) {
        if (!upstream) host.runtime.log.warn({ service: name }, 'service neither runs here nor has a URL: its routes answer 503');
        else host.addReadinessCheck(`service:${name}`, () => upstream.ready(), { critical: false });
      }
      app.addHook('onClose', async () => {
        await Promise.all(remote.map((service) => service.upstream?.close()));
      });

      const limiter = new RateLimiter(cache, config.rateLimit);
      let migration: Awaited<ReturnType<typeof setUpMigration>>;
      app.addHook('onRequest', async (request, reply) => {
        // A shadow read is the gateway's own second call for a request already counted; a mode read is its own.
        if (migration?.isOwnCall(request)) return;
        const caller = request.routeOptions.config.ownBearer
          ? ANONYMOUS
          : await identifyCaller(request.headers.authorization, auth, request.log, request.principal);
        const call = { method: request.method, url: request.url, ip: request.ip, routeUrl: request.routeOptions.url };
        await limiter.take(call, caller.userId, (name, value) => reply.header(name, value), request.log);
        if (caller.rejection) throw caller.rejection;
      });
      // Moving traffic off a legacy system needs every forwarded request in Fastify's hooks.
      if (!migrationConfigured(config.env)) {
        const { log, metrics } = host.runtime;
        const stopping = () => host.stopping;
        installForwardingLane(app, { services: remote, auth, limiter, metrics, log, trustProxy: config.trustProxy, stopping });
      }

      migration = await setUpMigration(app, host);
      await app.register(proxyRoutes, { services: remote, metrics: host.runtime.metrics });
      await app.register(openApiRoutes, { local: host.services, remote, cacheMs: options.openapiCacheMs ?? 30_000 });
      await app.register(docsRoutes);
      await app.register(graphqlRoutes, { host });
      await app.register(mapRoutes, { settings: mapSettings(config.env), countries: host.runtime.countries });
      const webRoot = webDistDirectory(config.env);
      if (fs.existsSync(path.join(webRoot, 'index.html'))) await app.register(webAppRoutes, { root: webRoot });
      else host.runtime.log.warn({ webRoot }, 'the web app is not built (npm run build -w @fieldops/web): / and /field answer 404');
    },
  };
}
