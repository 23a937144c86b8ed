import { MethodOptions_IdempotencyLevel } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError, createClient, createRouterTransport, type UnaryRequest } from '@connectrpc/connect';
import { AccountService } from '@fieldops/contracts';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/config';
import {
  isConnectionFailure,
  isServiceUnreachable,
  isTransientFailure,
  retryUnansweredInterceptor,
  rpcTransientInterceptor,
} from '../src/rpc/transient-failure';

/** A call whose connection the other side reset (what connect-node reports for `read ECONNRESET`). */
function connectionReset(): ConnectError {
  const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' });
  return new ConnectError('read ECONNRESET', Code.Aborted, undefined, undefined, cause);
}

/** A call to a service that is shutting down: its HTTP/2 session refuses the stream (what connect-node reports). */
function refusedStream(): ConnectError {
  const cause = Object.assign(new Error('Stream closed with error code NGHTTP2_REFUSED_STREAM'), { code: 'ERR_HTTP2_STREAM_ERROR' });
  return new ConnectError('Stream closed with error code NGHTTP2_REFUSED_STREAM', Code.Internal, undefined, undefined, cause);
}

describe('transient failures (answered 503 with Retry-After, retried by consumers without counting)', () => {
  it('counts a service that is away, shutting down or past its deadline', () => {
    expect(isTransientFailure(new ConnectError('connect ECONNREFUSED 127.0.0.1:1', Code.Unavailable))).toBe(true);
    expect(isTransientFailure(new ConnectError('deadline', Code.DeadlineExceeded))).toBe(true);
    expect(isTransientFailure(refusedStream())).toBe(true);
  });

  // Found by the chaos suite: a check-in answered 500 when the service it called reset the call's stream.
  it('counts a call whose stream the other service reset without answering', () => {
    expect(isTransientFailure(new ConnectError('http/2 stream closed with error code CANCEL (0x8)', Code.Canceled))).toBe(true);
    expect(isTransientFailure(new ConnectError('operation was aborted', Code.Canceled))).toBe(false);
  });

  // Found by the chaos suite: a check-in answered 503 when the leads replica it called closed its socket while stopping.
  it('counts a call whose connection was reset or cut before its answer', () => {
    expect(isTransientFailure(connectionReset())).toBe(true);
    const cut = new ConnectError('http/2 stream closed with error code NO_ERROR (0x0) before the response was received', Code.Internal);
    expect(isTransientFailure(cut)).toBe(true);
  });

  it('counts a database that cannot be reached', () => {
    expect(isTransientFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }))).toBe(true);
  });

  it('does not count a refusal or a bug', () => {
    expect(isTransientFailure(new ConnectError('no such lead', Code.NotFound))).toBe(false);
    expect(isTransientFailure(new ConnectError('boom', Code.Internal))).toBe(false);
    expect(isTransientFailure(new TypeError('x is undefined'))).toBe(false);
  });
});

describe('a served RPC whose dependency is away', () => {
  const serving = (failure: Error) =>
    createClient(
      AccountService,
      createRouterTransport(
        ({ service }) =>
          service(AccountService, {
            getJwks: async () => {
              throw failure;
            },
          }),
        { router: { interceptors: [rpcTransientInterceptor()] } },
      ),
    );

  // Found by the chaos suite: while MariaDB was down, a service's RPC answered `internal` and its callers answered 500.
  it('answers unavailable when its database cannot be reached, so the caller retries', async () => {
    const databaseDown = Object.assign(new Error('Connection lost: The server closed the connection.'), {
      code: 'PROTOCOL_CONNECTION_LOST',
    });
    const failure = await serving(databaseDown)
      .getJwks({})
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectError);
    expect((failure as ConnectError).code).toBe(Code.Unavailable);
    expect(isTransientFailure(failure)).toBe(true);
  });

  it('still answers internal for a bug', async () => {
    const failure = await serving(new TypeError('x is undefined'))
      .getJwks({})
      .catch((error: unknown) => error);
    expect((failure as ConnectError).code).toBe(Code.Internal);
  });
});

describe('a call to another service that failed before its answer', () => {
  /** Calls the retry interceptor as a transport would, with `failures` thrown before an answer; counts the tries. */
  async function call(idempotency: MethodOptions_IdempotencyLevel, failures: Error[]) {
    let tries = 0;
    const next = async () => {
      tries++;
      const failure = failures.shift();
      if (failure) throw failure;
      return { message: { keys: [] } };
    };
    const request = {
      method: { ...AccountService.method.getJwks, idempotency },
      stream: false,
      signal: new AbortController().signal,
    } as unknown as UnaryRequest;
    const outcome = await retryUnansweredInterceptor()(next as never)(request).then(
      () => 'answered',
      (error: unknown) => error,
    );
    return { outcome, tries };
  }

  it('is sent again when the method has no side effects, however the connection failed', async () => {
    const read = MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS;
    expect(await call(read, [connectionReset(), refusedStream()])).toEqual({ outcome: 'answered', tries: 3 });
  });

  it('is sent again when the method may have side effects only if the other side never processed it', async () => {
    const write = MethodOptions_IdempotencyLevel.IDEMPOTENCY_UNKNOWN;
    expect(await call(write, [refusedStream()])).toEqual({ outcome: 'answered', tries: 2 });
    const reset = connectionReset();
    expect(await call(write, [reset])).toEqual({ outcome: reset, tries: 1 });
  });

  it('is not sent again when the other side answered an error', async () => {
    const answered = new ConnectError('no such key', Code.NotFound);
    expect(await call(MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS, [answered])).toEqual({ outcome: answered, tries: 1 });
    expect(isConnectionFailure(answered)).toBe(false);
  });

  it('gives up after its retries, with the last failure', async () => {
    const failures = [connectionReset(), connectionReset(), connectionReset(), connectionReset(), connectionReset()];
    const last = failures[3];
    expect(await call(MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS, failures)).toEqual({ outcome: last, tries: 4 });
  });

  it("counts as the other service's absence (a 503), unlike a failure of this service's own database", () => {
    expect(isServiceUnreachable(connectionReset())).toBe(true);
    expect(isServiceUnreachable(new ConnectError('away', Code.Unavailable))).toBe(true);
    expect(isServiceUnreachable(new ConfigError('SERVICE_LEADS_URL', 'not set'))).toBe(true);
    expect(isServiceUnreachable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isServiceUnreachable(new ConnectError('no such lead', Code.NotFound))).toBe(false);
  });
});
