import { Code, ConnectError, type HandlerContext } from '@connectrpc/connect';
import type { Principal } from '../auth/principal';
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
