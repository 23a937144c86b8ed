import { Code, ConnectError, type Interceptor } from '@connectrpc/connect';
import { isDatabaseUnavailable } from '../db/database-unavailable';

/**
 * HTTP/2 stream errors that say the other service never processed the call: it refused the stream or was closing its
 * session (a graceful shutdown). Connect reports them as `internal`, but they are as safe to retry as `unavailable`.
 */
const NEVER_PROCESSED = /NGHTTP2_REFUSED_STREAM|ERR_HTTP2_GOAWAY_SESSION/;

/**
 * The other service reset the call's stream (HTTP/2 CANCEL) without answering: it is going away (killed, or its
 * shutdown grace ran out). Connect reports `canceled`, as if the caller had given up; the caller should try again.
 */
const RESET_BY_PEER = /stream closed with error code CANCEL/;

/** Whether the other service never processed the call (it refused the stream or was closing its session). */
export function isNeverProcessed(error: unknown): boolean {
  return error instanceof ConnectError && NEVER_PROCESSED.test(error.rawMessage);
}

/** Tries beyond the first for a call the other side never processed: a replica stopping refuses it, another takes it. */
const NEVER_PROCESSED_RETRIES = 2;

/**
 * For calls to other services over the network: a unary call the answering replica refused unprocessed (it was
 * stopping, its HTTP/2 session going away) is sent again on a fresh session, which reaches a replica that serves.
 * Safe whatever the method does, since nothing of it ran; a streamed request cannot be sent twice, so it is left as is.
 */
export function retryNeverProcessedInterceptor(retries = NEVER_PROCESSED_RETRIES): Interceptor {
  return (next) => async (request) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await next(request);
      } catch (error) {
        if (request.stream || attempt >= retries || !isNeverProcessed(error) || request.signal.aborted) throw error;
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
    if (isNeverProcessed(error)) return true;
    if (error.code === Code.Canceled && RESET_BY_PEER.test(error.rawMessage)) return true;
  }
  return isDatabaseUnavailable(error);
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
