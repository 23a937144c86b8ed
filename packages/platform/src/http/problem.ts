import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldProblem } from '../errors';
import { isTransientFailure } from '../rpc/transient-failure';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, with `errors[]` naming each bad field. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

interface AjvIssue {
  instancePath?: string;
  schemaPath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const showValue = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The value a branch of an enum-like union allows (`const`, or `null` by type), or undefined for other branches. */
function allowedBy(issue: AjvIssue): { value: unknown } | undefined {
  if (issue.keyword === 'const') return { value: issue.params?.allowedValue };
  if (issue.keyword === 'type' && issue.params?.type === 'null') return { value: null };
  return undefined;
}

/**
 * A union of literals (TypeBox's enum) fails once per literal ("must be equal to constant" four times) and once
 * more for the union: one issue naming the allowed values says it better. Plain `enum` gets the same wording.
 */
function collapseEnums(issues: AjvIssue[]): AjvIssue[] {
  const dropped = new Set<AjvIssue>();
  const replaced = new Map<AjvIssue, AjvIssue>();
  for (const union of issues) {
    if (union.keyword === 'enum' && Array.isArray(union.params?.allowedValues)) {
      replaced.set(union, { ...union, message: `must be one of: ${union.params.allowedValues.map(showValue).join(', ')}` });
      continue;
    }
    if (union.keyword !== 'anyOf' || !union.schemaPath) continue;
    const prefix = `${union.schemaPath}/`;
    const branches = issues.filter((i) => i.instancePath === union.instancePath && i.schemaPath?.startsWith(prefix));
    const allowed = branches.map(allowedBy);
    if (branches.length === 0 || allowed.some((a) => a === undefined)) continue;
    for (const branch of branches) dropped.add(branch);
    replaced.set(union, { ...union, message: `must be one of: ${allowed.map((a) => showValue(a?.value)).join(', ')}` });
  }
  return issues.filter((i) => !dropped.has(i)).map((i) => replaced.get(i) ?? i);
}

/** A request part as OpenAPI names it (`query`, not Fastify's `querystring`), so every check names fields alike. */
function partName(validationContext: string | undefined): string {
  if (validationContext === undefined) return 'body';
  return validationContext === 'querystring' ? 'query' : validationContext;
}

/** Turns Fastify/Ajv validation issues into field problems: `/body/email: must match format "email"`. */
export function fieldProblems(part: string, issues: AjvIssue[]): FieldProblem[] {
  return collapseEnums(issues).map((issue) => {
    const missing = issue.params?.missingProperty;
    const extra = issue.params?.additionalProperty;
    const leaf = typeof missing === 'string' ? `/${missing}` : typeof extra === 'string' ? `/${extra}` : '';
    const message =
      typeof missing === 'string' ? 'is required' : typeof extra === 'string' ? 'is not a known field' : (issue.message ?? 'is invalid');
    return { field: `/${part}${issue.instancePath ?? ''}${leaf}`, message };
  });
}

/** Maps any error to the problem it answers; unknown errors become a 500 that discloses nothing. */
export function toProblem(error: unknown, request: Pick<FastifyRequest, 'url' | 'id'>): Problem {
  const base = { instance: request.url, requestId: String(request.id) };
  if (error instanceof AppError) {
    return {
      type: error.type,
      title: error.title,
      status: error.status,
      detail: error.message,
      ...base,
      ...(error.errors.length ? { errors: error.errors } : {}),
      ...error.extra,
    };
  }
  const fe = error as Partial<FastifyError> & { validationContext?: string };
  if (fe.validation) {
    const errors = fieldProblems(partName(fe.validationContext), fe.validation as AjvIssue[]);
    return {
      type: 'https://fieldops.dev/problems/validation-failed',
      title: 'Validation failed',
      status: 400,
      detail: `The request has invalid fields: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`,
      ...base,
      errors,
    };
  }
  if (isTransientFailure(error)) {
    return {
      type: 'https://fieldops.dev/problems/service-unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'A database or service this request needs cannot be reached right now; try again shortly with the same request.',
      ...base,
    };
  }
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status < 500) {
    // Fastify's own client errors: malformed JSON, unsupported media type, body too large…
    const title = fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.name === 'SyntaxError' ? 'Malformed JSON' : 'Bad request';
    return {
      type: `https://fieldops.dev/problems/${title.toLowerCase().replace(/ /g, '-')}`,
      title,
      status,
      detail: fe.message ?? title,
      ...base,
      ...(title === 'Malformed JSON' ? { errors: [{ field: '/body', message: 'is not valid JSON' }] } : {}),
    };
  }
  return {
    type: 'https://fieldops.dev/problems/internal-error',
    title: 'Internal error',
    status: 500,
    detail: 'Something went wrong on our side. Quote the request id if you report it.',
    ...base,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}
