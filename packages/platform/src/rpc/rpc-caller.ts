import { Code, ConnectError, type HandlerContext } from '@connectrpc/connect';
import { isServiceIdentity, type Principal } from '../auth/principal';
import { bearerToken, type TokenVerifier } from '../auth/token-verifier';

/**
 * The verified caller of an RPC: every service checks the token itself, over RPC as over REST. Callers forward
 * the user's token (`asCaller`) or their own service token (`ctx.asService()`).
 */
export async function rpcCallerOf(auth: TokenVerifier, context: HandlerContext): Promise<Principal> {
  const token = bearerToken(context.requestHeader.get('authorization') ?? undefined);
  if (!token) throw new ConnectError('an access token is required', Code.Unauthenticated);
  try {
    return await auth.verify(token);
  } catch {
    throw new ConnectError('the access token is not valid', Code.Unauthenticated);
  }
}

/**
 * The verified caller of an RPC that only FieldOps services acting on their own may make (exports of every record for
 * rebuilding read models): anyone else, an admin included, is refused.
 */
export async function rpcServiceCallerOf(auth: TokenVerifier, context: HandlerContext, what: string): Promise<Principal> {
  const caller = await rpcCallerOf(auth, context);
  if (!isServiceIdentity(caller)) throw new ConnectError(`only a FieldOps service may ${what}`, Code.PermissionDenied);
  return caller;
}
