import { claimsOf, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@fieldops/platform';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { AccountContext } from '../config';
import { roleRepository } from '../db/role.repository';
import type { AccountDb } from '../db/schema';
import { signingKeyRepository } from '../db/session.repository';
import type { UserRow } from '../db/user.repository';
import { effectiveScope, unionPermissions } from '../domain/access-rules';
import type { ActiveKey } from './signing-key-cache';

/** Tokens signed by a retired key stay verifiable for this long (longer than any access token lives). */
const RETIRED_KEY_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * The service's Ed25519 signing key, made on first use and kept in its database (so every replica shares it).
 * `db` may be a transaction: on SQLite a query outside it would wait for it forever.
 */
export async function signingKey(ctx: AccountContext, db: Kysely<AccountDb> = ctx.db): Promise<ActiveKey> {
  const cached = ctx.deps.signingKeys.current();
  if (cached) return cached;
  let row = await signingKeyRepository.active(db);
  if (!row) {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const kid = uuidv7();
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' };
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
    await signingKeyRepository.insert(db, {
      kid,
      private_jwk: JSON.stringify(privateJwk),
      public_jwk: JSON.stringify(publicJwk),
      created_at: ctx.clock.now(),
      retired_at: null,
    });
    // Two replicas starting together may both insert; the newest active key is the one everyone signs with.
    row = await signingKeyRepository.active(db);
    if (!row) throw new Error('signing key was not saved');
  }
  const key = { kid: row.kid, key: await importJWK(JSON.parse(row.private_jwk) as JWK, 'EdDSA') };
  ctx.deps.signingKeys.keep(key);
  return key;
}

export async function publicKeys(ctx: AccountContext): Promise<JWK[]> {
  await signingKey(ctx);
  const rows = await signingKeyRepository.verifiable(ctx.db, ctx.clock.now() - RETIRED_KEY_GRACE_MS);
  return rows.map((r) => JSON.parse(r.public_jwk) as JWK);
}

export async function issueAccessToken(ctx: AccountContext, db: Kysely<AccountDb>, user: UserRow, ttlSeconds: number): Promise<string> {
  const roles = await roleRepository.rolesOfUser(db, user.id);
  const { kid, key } = await signingKey(ctx, db);
  const now = Math.floor(ctx.clock.now() / 1000);
  return new SignJWT({
    ...claimsOf({
      userId: user.id,
      email: user.email,
      name: user.name,
      country: user.country,
      orgUnitId: user.org_unit_id,
      agencyId: user.agency_id,
      roles: roles.map((r) => r.name),
      permissions: unionPermissions(roles),
      scope: effectiveScope(roles),
      locale: user.locale,
    }),
  })
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .setJti(uuidv7())
    .sign(key);
}
