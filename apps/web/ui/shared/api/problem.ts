/** An RFC 9457 answer from the API, with the bad fields named so forms can show each message beside its input. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

/**
 * A write sent again under its Idempotency-Key that the server had carried out the first time, losing only its answer
 * (the server stopped before keeping it): the write is done, not refused.
 */
export function wasCarriedOut(problem: Problem | undefined): boolean {
  return problem?.status === 409 && problem.code === 'answer-lost';
}

/** A write sent again while the server still runs the first attempt under its Idempotency-Key: ask again later. */
export function isStillRunning(problem: Problem | undefined): boolean {
  return problem?.status === 409 && problem.code === 'in-progress';
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
  }

  get status(): number {
    return this.problem.status;
  }

  /** Messages keyed by the field's last path segment: `/body/email` → `email`. */
  get fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { field, message } of this.problem.errors ?? []) {
      const name = field.split('/').filter(Boolean).slice(1).join('.') || field;
      byField[name] = byField[name] ? `${byField[name]}; ${message}` : message;
    }
    return byField;
  }
}

/**
 * The problem a failed response carries, or a generic one when the body is not problem+json. `parsed` is the
 * body when a client has read it already.
 */
export async function problemOf(response: Response, parsed?: unknown): Promise<Problem> {
  const fallback = { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status };
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return fallback;
  const body = parsed ?? (await response.json().catch(() => undefined));
  return typeof body === 'object' && body !== null ? { ...fallback, title: response.statusText, ...(body as Partial<Problem>) } : fallback;
}

/** True when the request never reached the server (offline, DNS, refused): worth queueing, not reporting. */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError;
}
