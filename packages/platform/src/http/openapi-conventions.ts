/**
 * What every service's OpenAPI document says the same way, added once here instead of in each route: the
 * problem+json answers a route can give, and path wildcards as named parameters. Route schemas describe only
 * their own success answers; Fastify keeps serialising errors through the error handler, not these documents.
 */

type JsonObject = Record<string, unknown>;

const PROBLEM_REF = '#/components/schemas/Problem';
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
/** Fastify's catch-all segment `*`, as @fastify/swagger writes it; OpenAPI needs a named parameter. */
const WILDCARD = '{*}';
const WILDCARD_NAME = 'path';

/** RFC 9457 problem details as the services send them. */
export const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details; `errors` names each refused field by its JSON pointer.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
  additionalProperties: true,
} as const;

function problem(description: string): JsonObject {
  return { description, content: { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } } };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The error answers an operation can give, from what it takes and whether it needs a token. */
function errorResponses(method: string, path: string, operation: JsonObject): JsonObject {
  const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
  const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
  const answers: JsonObject = {};
  if (parameters.length > 0 || operation.requestBody !== undefined) {
    answers['400'] = problem('The request is malformed; `errors` names each field.');
  }
  if (!isPublic) {
    answers['401'] = problem('No valid access token.');
    answers['403'] = problem("The caller's role or scope does not allow this.");
  }
  if (path.includes('{')) answers['404'] = problem('No such record, or not one the caller may see.');
  if (WRITE_METHODS.has(method)) {
    answers['409'] = problem("The record's state or version refuses this change.");
    answers['422'] = problem('A business rule refused the request; `errors` names each field.');
  }
  return answers;
}

/**
 * A parameter as a client sends it: the wildcard named, and one with a default optional (the schema marks it
 * required because the server always has a value once the default is applied).
 */
function documentedParameter(parameter: unknown): unknown {
  if (!isObject(parameter)) return parameter;
  const named = parameter.in === 'path' && parameter.name === '*' ? { ...parameter, name: WILDCARD_NAME } : parameter;
  const hasDefault = isObject(named.schema) && named.schema.default !== undefined;
  return hasDefault && named.in !== 'path' ? { ...named, required: false } : named;
}

/** A JSON body whose properties with a default are optional for the client, as for parameters. */
function documentedBody(body: JsonObject): JsonObject {
  const content = isObject(body.content) ? body.content : {};
  const documented: JsonObject = {};
  for (const [mediaType, media] of Object.entries(content)) {
    const schema = isObject(media) ? media.schema : undefined;
    documented[mediaType] = isObject(schema) ? { ...(media as JsonObject), schema: withOptionalDefaults(schema) } : media;
  }
  return { ...body, content: documented };
}

function withOptionalDefaults(schema: JsonObject): JsonObject {
  if (!Array.isArray(schema.required) || !isObject(schema.properties)) return schema;
  const properties = schema.properties;
  const required = schema.required.filter((name) => !(isObject(properties[name]) && properties[name].default !== undefined));
  return { ...schema, required };
}

/** Adds the conventions to a service's OpenAPI document (used as @fastify/swagger's `transformObject`). */
export function withOpenApiConventions(document: JsonObject): JsonObject {
  const paths: JsonObject = {};
  for (const [path, item] of Object.entries(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(item)) continue;
    const named = path.replace(WILDCARD, `{${WILDCARD_NAME}}`);
    const operations: JsonObject = {};
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method) || !isObject(operation)) {
        operations[method] = operation;
        continue;
      }
      const parameters = Array.isArray(operation.parameters) ? operation.parameters.map(documentedParameter) : operation.parameters;
      const responses = isObject(operation.responses) ? operation.responses : {};
      operations[method] = {
        ...operation,
        ...(parameters === undefined ? {} : { parameters }),
        ...(isObject(operation.requestBody) ? { requestBody: documentedBody(operation.requestBody) } : {}),
        responses: { ...errorResponses(method, named, operation), ...responses },
      };
    }
    paths[named] = operations;
  }
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  return { ...document, paths, components: { ...components, schemas: { ...schemas, Problem: problemSchema } } };
}
