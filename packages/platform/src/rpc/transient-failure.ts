import { MethodOptions_IdempotencyLevel } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError, type Interceptor } from '@connectrpc/connect';
import { ConfigError } from '../config/config';
import { isDatabaseUnavailable } from '../db/database-unavailable';

/**
 * HTTP/2 stream errors that say the other service never processed the call: it refused the stream or was closing its
 * session (a graceful shutdown). Connect reports them as `internal`, but they are as safe to retry as `unavailable`.
 */
const NEVER_PROCESSED = /REFUSED_STREAM|ERR_HTTP2_GOAWAY_SESSION/;

/** Whether the other service never processed the call (it refused the stream or was closing its session). */
export function isNeverProcessed(error: unknown): boolean {
  return error instanceof ConnectError && NEVER_PROCESSED.test(error.rawMessage);
}

/**
 * The connection a call travelled on failed before its answer came: reset or refused, cut while the call was open, or
 * never established. The other service may or may not have run the call (a replica killed or closing its socket as the
 * call arrived), unlike an error it answered.
 */
const CONNECTION_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const CONNECTION_LOST = /^http\/2 stream closed with error code|^connection establishment timed out|^PING timed out/;

/** Whether the call's connection failed before an answer (see `CONNECTION_ERRORS`); an answer of the other side is not. */
export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof ConnectError)) return false;
  if (isNeverProcessed(error) || CONNECTION_LOST.test(error.rawMessage)) return true;
  for (let cause = error.cause, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = (cause as Error & { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_ERRORS.has(code)) return true;
  }
  return false;
}

/** Tries beyond the first for a call the other side never processed, or a read whose connection failed. */
const CONNECTION_RETRIES = 3;

/** Methods declared free of side effects (every read between services is) may run twice: a retry cannot double a write. */
const REPEATABLE = new Set([MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS, MethodOptions_IdempotencyLevel.IDEMPOTENT]);

/**
 * For calls to other services over the network: a unary call the answering replica refused unprocessed (it was
 * stopping, its HTTP/2 session going away) is sent again on a fresh session, which reaches a replica that serves; so
 * is a call to a method without side effects whose connection failed before its answer (the replica was killed, or
 * closed its socket as the call crossed it). A streamed request cannot be sent twice, so it is left as is; an answer
 * of the other service, even an error, is final.
 */
export function retryUnansweredInterceptor(retries = CONNECTION_RETRIES): Interceptor {
  return (next) => async (request) => {
    const repeatable = REPEATABLE.has(request.method.idempotency);
    for (let attempt = 0; ; attempt++) {
      try {
        return await next(request);
      } catch (error) {
        const again = isNeverProcessed(error) || (repeatable && isConnectionFailure(error));
        if (request.stream || attempt >= retries || !again || request.signal.aborted) throw error;
        // Not at once: the session the failure came on may not have closed yet, and the call would go out on it again.
        await new Promise((resolve) => setTimeout(resolve, 25 * 4 ** attempt));
      }
    }
  };
}

/**
 * A failure that says "try later": another service unreachable, shutting down or past its deadline, or the database
 * unreachable. Requests answer it with 503 and `Retry-After`; consumers retry it without counting attempts.
 */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof ConnectError) {
    if (error.code === Code.Unavailable || error.code === Code.DeadlineExceeded) return true;
    if (isConnectionFailure(error)) return true;
  }
  return isDatabaseUnavailable(error);
}

/**
 * Whether a call to another service failed because that service cannot be reached now (`isTransientFailure` of an
 * RPC error), or runs nowhere this installation knows of (no process mounts it, no URL names it). A failure of this
 * service's own database is not one: it is not the other service's absence.
 */
export function isServiceUnreachable(error: unknown): boolean {
  return error instanceof ConfigError || (error instanceof ConnectError && isTransientFailure(error));
}

/**
 * For served RPCs: a handler that failed because its database, or a service it called, is away answers
 * `unavailable` instead of `internal`, so its caller retries (its request answers 503, its consumer waits) rather
 * than failing with a 500.
 */
export function rpcTransientInterceptor(): Interceptor {
  return (next) => async (request) => {
    try {
      return await next(request);
    } catch (error) {
      const alreadySaid = error instanceof ConnectError && (error.code === Code.Unavailable || error.code === Code.DeadlineExceeded);
      if (alreadySaid || !isTransientFailure(error)) throw error;
      throw new ConnectError(
        'a dependency of this service is unavailable; try again shortly',
        Code.Unavailable,
        undefined,
        undefined,
        error,
      );
    }
  };
}
