import { Code, ConnectError, createClient, createRouterTransport } from '@connectrpc/connect';
import { AccountService } from '@fieldops/contracts';
import { describe, expect, it } from 'vitest';
import { isTransientFailure, rpcTransientInterceptor } from '../src/rpc/transient-failure';

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
