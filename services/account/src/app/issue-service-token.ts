import { claimsOf, isValidServiceProof, TOKEN_AUDIENCE, TOKEN_ISSUER, UnauthorizedError } from '@fieldops/platform';
import { SignJWT } from 'jose';
import { uuidv7 } from 'uuidv7';
import type { AccountContext } from '../config';
import { ALL_PERMISSIONS } from '../domain/permissions';
import { signingKey } from './token-issuer';

const SERVICE_TOKEN_TTL_SECONDS = 15 * 60;
const SERVICE_NAME = /^[a-z][a-z0-9-]{1,31}$/;

/**
 * A token for a FieldOps service acting on its own (a consumer re-assigning records, a job), issued against a proof
 * of the internal secret. It names the service as `service:<name>`, sees all data and holds every permission: the
 * services are one system; what they do with it is their code's business, and it is logged as that service.
 */
export async function issueServiceToken(
  ctx: AccountContext,
  request: { service: string; issuedAt: number; proof: string },
): Promise<{ accessToken: string; expiresIn: number }> {
  const secret = ctx.config.internalSecret;
  const now = ctx.clock.now();
  if (
    !secret ||
    !SERVICE_NAME.test(request.service) ||
    !isValidServiceProof(secret, request.service, request.issuedAt, request.proof, now)
  ) {
    throw new UnauthorizedError('The service could not prove it belongs to this installation.');
  }
  const { kid, key } = await signingKey(ctx);
  const issuedAt = Math.floor(now / 1000);
  const accessToken = await new SignJWT({
    ...claimsOf({
      userId: `service:${request.service}`,
      email: `${request.service}@services.fieldops`,
      name: `${request.service} service`,
      country: '',
      orgUnitId: '',
      agencyId: null,
      roles: ['service'],
      permissions: [ALL_PERMISSIONS],
      scope: 'all',
      locale: 'en',
    }),
  })
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + SERVICE_TOKEN_TTL_SECONDS)
    .setJti(uuidv7())
    .sign(key);
  return { accessToken, expiresIn: SERVICE_TOKEN_TTL_SECONDS };
}
