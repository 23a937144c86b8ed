/** One error hierarchy for the whole system, mapped once to RFC 9457 problem+json by the HTTP layer. */

export interface FieldProblem {
  /** JSON pointer-ish path of the offending field, e.g. `/body/email`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly errors: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }

  /** The problem `type` URI: stable per class so clients can switch on it. */
  get type(): string {
    return `https://fieldops.dev/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }
}

export class ValidationError extends AppError {
  constructor(errors: FieldProblem[], detail = 'The request has invalid fields.') {
    super(400, 'Validation failed', detail, errors);
  }
}

export class BadRequestError extends AppError {
  constructor(detail: string) {
    super(400, 'Bad request', detail);
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'Authentication is required.') {
    super(401, 'Unauthorized', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'You do not have permission to do this.') {
    super(403, 'Forbidden', detail);
  }
}

/** Also what a record outside the caller's data scope answers: its existence is not disclosed. */
export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super(404, 'Not found', `${what} not found.`);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, errors: FieldProblem[] = [], extra: Record<string, unknown> = {}) {
    super(409, 'Conflict', detail, errors, extra);
  }
}

export class PreconditionFailedError extends AppError {
  constructor(detail = 'The resource has changed since you read it (If-Match does not match).') {
    super(412, 'Precondition failed', detail);
  }
}

export class PreconditionRequiredError extends AppError {
  constructor(detail = 'This update needs an If-Match header with the ETag you read.') {
    super(428, 'Precondition required', detail);
  }
}

export class UnprocessableError extends AppError {
  constructor(detail: string, errors: FieldProblem[] = []) {
    super(422, 'Unprocessable content', detail, errors);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    detail: string,
    /** Sent as `Retry-After` (default 1). */
    readonly retryAfterSeconds?: number,
  ) {
    super(429, 'Too many requests', detail);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(detail: string) {
    super(503, 'Service unavailable', detail);
  }
}

/** The bytes are of a type the request may not send (sniffed from the bytes, not taken from a name). */
export class UnsupportedMediaTypeError extends AppError {
  constructor(detail: string, errors: FieldProblem[] = []) {
    super(415, 'Unsupported media type', detail, errors);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(detail: string, errors: FieldProblem[] = []) {
    super(413, 'Payload too large', detail, errors);
  }
}
