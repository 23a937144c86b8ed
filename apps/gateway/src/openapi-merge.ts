import { bearerSecurity } from '@fieldops/platform';

export type JsonObject = Record<string, unknown>;

/** One service's own OpenAPI document. */
export interface ServiceDocument {
  service: string;
  document: JsonObject;
}

const SCHEMA_REF = '#/components/schemas/';

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(parent: unknown, key: string): JsonObject {
  const value = isJsonObject(parent) ? parent[key] : undefined;
  return isJsonObject(value) ? value : {};
}

/**
 * Merges the services' documents into the one public OpenAPI 3.1 document: paths, component schemas and tags.
 * Two services that name different schemas alike keep both: the later one is renamed `<service>.<name>` and its
 * `$ref`s follow. `notes` (services left out, and why) end up in `info.description`.
 */
export function mergeOpenApi(documents: ServiceDocument[], notes: string[]): JsonObject {
  const paths: JsonObject = {};
  const schemas: JsonObject = {};
  const tags = new Map<string, JsonObject>();
  for (const { service, document: original } of documents) {
    const renames = new Map<string, string>();
    for (const [name, schema] of Object.entries(objectAt(objectAt(original, 'components'), 'schemas'))) {
      const taken = schemas[name];
      if (taken !== undefined && JSON.stringify(taken) !== JSON.stringify(schema))
        renames.set(name, freeName(schemas, `${service}.${name}`));
    }
    const document = renames.size > 0 ? renameRefs(original, renames) : original;
    for (const [name, schema] of Object.entries(objectAt(objectAt(document, 'components'), 'schemas'))) {
      schemas[renames.get(name) ?? name] = schema;
    }
    for (const [path, item] of Object.entries(objectAt(document, 'paths'))) {
      const operations = isJsonObject(item) ? item : {};
      paths[path] = { ...objectAt(paths, path), ...(path.startsWith('/api/') ? withRateLimitAnswer(operations) : operations) };
    }
    const declared = Array.isArray(document.tags) ? document.tags : [];
    for (const tag of declared) {
      if (isJsonObject(tag) && typeof tag.name === 'string' && !tags.has(tag.name)) tags.set(tag.name, tag);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'FieldOps API',
      version: '1.0.0',
      description: describe(notes),
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    // Relative: the document is served by the gateway it describes, whatever its public address.
    servers: [{ url: '/', description: 'The gateway that serves this document' }],
    tags: [...tags.values()].sort((a, b) => String(a.name).localeCompare(String(b.name))),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: { schemas, securitySchemes: bearerSecurity },
    security: [{ bearerAuth: [] }],
  };
}

/** Every `/api` answer may be the gateway's 429: its rate limits stand in front of all the services. */
function withRateLimitAnswer(operations: JsonObject): JsonObject {
  const limited: JsonObject = {};
  for (const [method, operation] of Object.entries(operations)) {
    limited[method] = isJsonObject(operation)
      ? { ...operation, responses: { ...objectAt(operation, 'responses'), '429': TOO_MANY_REQUESTS } }
      : operation;
  }
  return limited;
}

const TOO_MANY_REQUESTS = {
  description: 'The rate limit is spent; `Retry-After` says when to try again.',
  content: { 'application/problem+json': { schema: { $ref: `${SCHEMA_REF}Problem` } } },
};

function describe(notes: string[]): string {
  const intro =
    'The public REST API of FieldOps, merged from the documents of its services. Send the access token from ' +
    '`POST /api/v1/auth/login` as `Authorization: Bearer <token>`. Errors are `application/problem+json` (RFC 9457).';
  return notes.length === 0 ? intro : `${intro}\n\n**Incomplete:**\n${notes.map((note) => `- ${note}`).join('\n')}`;
}

function freeName(taken: JsonObject, wanted: string): string {
  let name = wanted;
  for (let n = 2; taken[name] !== undefined; n++) name = `${wanted}${n}`;
  return name;
}

/** A copy of the document whose `$ref`s to renamed schemas point at their new names. */
function renameRefs(document: JsonObject, renames: Map<string, string>): JsonObject {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isJsonObject(node)) return node;
    const copy: JsonObject = {};
    for (const [key, child] of Object.entries(node)) {
      copy[key] = key === '$ref' && typeof child === 'string' ? renamedRef(child, renames) : visit(child);
    }
    return copy;
  };
  const renamed = visit(document);
  return isJsonObject(renamed) ? renamed : document;
}

function renamedRef(ref: string, renames: Map<string, string>): string {
  if (!ref.startsWith(SCHEMA_REF)) return ref;
  const [name = '', ...rest] = ref.slice(SCHEMA_REF.length).split('/');
  const renamed = renames.get(name);
  return renamed ? [`${SCHEMA_REF}${renamed}`, ...rest].join('/') : ref;
}
