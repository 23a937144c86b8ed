import { AppError, bearerToken, ConfigError, type Principal, ServiceUnavailableError, type TokenVerifier } from '@fieldops/platform';
import type { FastifyBaseLogger } from 'fastify';

/** Who is calling, as far as the edge can tell, and why it turns the request away (if it does). */
export interface EdgeCaller {
  /** The verified user; undefined when no token came (public routes) or the token was refused. */
  userId: string | undefined;
  rejection: AppError | undefined;
}

export const ANONYMOUS: EdgeCaller = { userId: undefined, rejection: undefined };

/**
 * Checks `Authorization: Bearer` at the edge so a forged or expired token never reaches a service. Requests
 * without a token pass: public routes (login) need none, and every service refuses the others itself.
 * `verified` is the principal a service mounted in this process already found for the request (its hooks run first
 * for its own routes).
 */
export async function identifyCaller(
  authorization: string | undefined,
  auth: TokenVerifier,
  log: Pick<FastifyBaseLogger, 'warn'>,
  verified?: Principal,
): Promise<EdgeCaller> {
  const token = bearerToken(authorization);
  if (!token) return ANONYMOUS;
  if (verified?.token === token) return { userId: verified.userId, rejection: undefined };
  try {
    const principal = await auth.verify(token);
    return { userId: principal.userId, rejection: undefined };
  } catch (error) {
    if (error instanceof AppError) return { userId: undefined, rejection: error };
    // The signing keys could not be loaded: the account service is down, or SERVICE_ACCOUNT_URL is not set.
    log.warn({ err: error }, 'access tokens cannot be verified');
    const why = error instanceof ConfigError ? error.message : 'the account service cannot be reached';
    return { userId: undefined, rejection: new ServiceUnavailableError(`Access tokens cannot be verified right now: ${why}.`) };
  }
}
