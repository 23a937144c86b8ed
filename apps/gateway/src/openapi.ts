import type { RunningService } from '@fieldops/platform';
import type { FastifyInstance } from 'fastify';
import { isJsonObject, type JsonObject, mergeOpenApi, type ServiceDocument } from './openapi-merge';
import type { RemoteService } from './proxy';
import { serviceUrlSetting, type Upstream } from './upstream';

export interface OpenApiSources {
  /** Services mounted in this process: their documents are built in memory. */
  local: RunningService[];
  /** Services in other processes: their documents are fetched from `<url>/openapi/<name>.json`. */
  remote: RemoteService[];
  /** How long a fetched document is reused. */
  cacheMs: number;
}

/** `GET /api/openapi.json`: the one OpenAPI 3.1 document of the public API, merged from every service's. */
export async function openApiRoutes(app: FastifyInstance, sources: OpenApiSources): Promise<void> {
  const remoteDocuments = new RemoteDocuments(sources.cacheMs);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => {
    const documents: ServiceDocument[] = [];
    const notes: string[] = [];
    for (const service of sources.local) {
      const document = service.openapi();
      if (document) documents.push({ service: service.name, document });
    }
    const fetched = await Promise.all(
      sources.remote.map(async (service) => ({
        service,
        document: service.upstream ? await remoteDocuments.get(service.upstream) : undefined,
      })),
    );
    for (const { service, document } of fetched) {
      if (document) documents.push({ service: service.name, document });
      else if (service.upstream) notes.push(`The ${service.name} service could not be reached; its operations are missing.`);
      else notes.push(`The ${service.name} service is not configured (${serviceUrlSetting(service.name)}); its operations are missing.`);
    }
    return mergeOpenApi(documents, notes);
  });
}

/** Remote documents, reused for a while: they change only when a service is deployed. Failures are not kept. */
class RemoteDocuments {
  private readonly kept = new Map<string, { document: JsonObject; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<JsonObject | undefined>>();

  constructor(private readonly ttlMs: number) {}

  get(upstream: Upstream): Promise<JsonObject | undefined> {
    const kept = this.kept.get(upstream.name);
    if (kept && kept.expiresAt > Date.now()) return Promise.resolve(kept.document);
    let pending = this.pending.get(upstream.name);
    if (!pending) {
      pending = this.fetch(upstream).finally(() => this.pending.delete(upstream.name));
      this.pending.set(upstream.name, pending);
    }
    return pending;
  }

  private async fetch(upstream: Upstream): Promise<JsonObject | undefined> {
    const document = await upstream.getJson(`/openapi/${upstream.name}.json`);
    if (!isJsonObject(document)) return undefined;
    this.kept.set(upstream.name, { document, expiresAt: Date.now() + this.ttlMs });
    return document;
  }
}
