import {
  Code,
  ConnectError,
  type ConnectRouter,
  createClient,
  createContextKey,
  createRouterTransport,
  type Interceptor,
  type Transport,
} from '@connectrpc/connect';
import { AccountService } from '@fieldops/contracts';
import { describe, expect, it } from 'vitest';
import { createInProcessTransport } from '../src/rpc/in-process-transport';

const caller = createContextKey<string | undefined>(undefined);

/** Like the token check: reads the caller's header, refuses a bad one, and tells the handler who called. */
const checkCaller: Interceptor = (next) => async (request) => {
  const said = request.header.get('authorization') ?? undefined;
  if (said === 'Bearer forged') throw new ConnectError('the access token is not valid', Code.Unauthenticated);
  request.contextValues.set(caller, said);
  return next(request);
};

const stored = { id: 'u1', email: 'rep@fieldops.test', name: 'Stored Name', roles: ['rep'] };
const seenInputs: string[][] = [];

const routes = (router: ConnectRouter) =>
  router.service(AccountService, {
    async batchGetUsers(request, context) {
      seenInputs.push([...request.ids]);
      // A handler that changes what it was given must not change the caller's message.
      request.ids.push('added by the handler');
      return { users: [{ ...stored, name: context.values.get(caller) ?? 'nobody' }] };
    },
    async getUser(request) {
      if (request.id === 'missing') throw new ConnectError('no such user', Code.NotFound);
      if (request.id === 'broken') throw new Error('the table "user" is corrupt');
      // Answers its own stored object: a caller that changes the answer must not change it.
      return { user: stored };
    },
    async findUserByEmail(_request, context) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      if (context.signal.aborted) throw new ConnectError('stopped', Code.Aborted);
      return {};
    },
  });

const transports: { name: string; make: () => Transport }[] = [
  {
    name: "Connect's router transport",
    make: () => createRouterTransport(routes, { transport: { defaultTimeoutMs: 5_000 }, router: { interceptors: [checkCaller] } }),
  },
  {
    name: 'the in-process transport',
    make: () => createInProcessTransport(routes, { interceptors: [checkCaller], defaultTimeoutMs: 5_000 }),
  },
];

async function failure(call: Promise<unknown>): Promise<ConnectError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConnectError)) throw new Error(`expected a ConnectError, got ${String(error)}`);
  return error;
}

describe.each(transports)('an in-process call through $name', ({ make }) => {
  it("answers with the handler's answer, the caller known to the handler through the server interceptors", async () => {
    const client = createClient(AccountService, make());
    const ids = ['u1'];
    const answer = await client.batchGetUsers({ ids }, { headers: { authorization: 'Bearer rep' } });
    expect(answer.users.map((u) => [u.id, u.name, u.roles])).toEqual([['u1', 'Bearer rep', ['rep']]]);
    expect(ids).toEqual(['u1']);
    expect(seenInputs.at(-1)).toEqual(['u1']);
  });

  it('shares no object with the handler', async () => {
    const client = createClient(AccountService, make());
    const first = await client.getUser({ id: 'u1' });
    if (!first.user) throw new Error('no user');
    first.user.name = 'changed by the caller';
    first.user.roles.push('admin');
    const second = await client.getUser({ id: 'u1' });
    expect([second.user?.name, second.user?.roles]).toEqual(['Stored Name', ['rep']]);
    expect(stored.roles).toEqual(['rep']);
  });

  it("passes a handler's ConnectError on, and answers any other failure `internal` without its message", async () => {
    const client = createClient(AccountService, make());
    const missing = await failure(client.getUser({ id: 'missing' }));
    expect([missing.code, missing.rawMessage]).toEqual([Code.NotFound, 'no such user']);
    const broken = await failure(client.getUser({ id: 'broken' }));
    expect([broken.code, broken.rawMessage]).toEqual([Code.Internal, 'internal error']);
  });

  it("refuses what the server's interceptor refuses", async () => {
    const client = createClient(AccountService, make());
    const refused = await failure(client.getUser({ id: 'u1' }, { headers: { authorization: 'Bearer forged' } }));
    expect([refused.code, refused.rawMessage]).toEqual([Code.Unauthenticated, 'the access token is not valid']);
  });

  it('ends at its deadline, and when the caller leaves', async () => {
    const client = createClient(AccountService, make());
    const late = await failure(client.findUserByEmail({ email: 'x' }, { timeoutMs: 50 }));
    expect(late.code).toBe(Code.DeadlineExceeded);
    const leaving = new AbortController();
    setTimeout(() => leaving.abort(), 50);
    const left = await failure(client.findUserByEmail({ email: 'x' }, { signal: leaving.signal }));
    expect(left.code).toBe(Code.Canceled);
  });
});
