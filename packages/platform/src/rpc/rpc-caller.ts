import { Code, ConnectError, createContextKey, type HandlerContext, type Interceptor } from '@connectrpc/connect';
import { type Access, accessOf, type ScopeSource } from '../auth/access';
import { isServiceIdentity, type Principal, type ResolvedScope } from '../auth/principal';
import { bearerToken, type TokenVerifier } from '../auth/token-verifier';
import { ForbiddenError } from '../errors';

const verifiedCaller = createContextKey<Principal | undefined>(undefined, { description: 'the verified caller of an RPC' });

/**
 * Verifies the access token of every RPC this process answers, as the HTTP hook does for routes: every service checks
 * the token itself, over RPC as over REST. Callers forward the user's token (`asCaller`) or their own service token
 * (`ctx.asService()`). A call without a token reaches only methods that never ask for their caller (the account
 * service's keys and service-token exchange): every other handler asks `rpcCaller`, which refuses it.
 */
export function rpcAuthInterceptor(auth: TokenVerifier): Interceptor {
  return (next) => async (request) => {
    const token = bearerToken(request.header.get('authorization') ?? undefined);
    if (token) {
      try {
        request.contextValues.set(verifiedCaller, await auth.verify(token));
      } catch {
        throw new ConnectError('the access token is not valid', Code.Unauthenticated);
      }
    }
    return next(request);
  };
}

/** The verified caller of an RPC (see `rpcAuthInterceptor`). */
export function rpcCaller(context: HandlerContext): Principal {
  const caller = context.values.get(verifiedCaller);
  if (!caller) throw new ConnectError('an access token is required', Code.Unauthenticated);
  return caller;
}

/**
 * The verified caller of an RPC that only FieldOps services acting on their own may make (exports of every record for
 * rebuilding read models): anyone else, an admin included, is refused.
 */
export function rpcServiceCaller(context: HandlerContext, what: string): Principal {
  const caller = rpcCaller(context);
  if (!isServiceIdentity(caller)) throw new ConnectError(`only a FieldOps service may ${what}`, Code.PermissionDenied);
  return caller;
}

/** The access of an RPC's caller, checked as REST checks it: `permission`, then the resolved data scope. */
export async function rpcAccess<Scope = ResolvedScope>(
  context: HandlerContext,
  permission: string,
  scopes: ScopeSource<Scope>,
): Promise<Access<Scope>> {
  try {
    return await accessOf(rpcCaller(context), permission, scopes);
  } catch (error) {
    if (error instanceof ForbiddenError) throw new ConnectError(`this needs the permission "${permission}"`, Code.PermissionDenied);
    throw error;
  }
}
