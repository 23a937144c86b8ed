import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The merchant's invitation link: `<enrollment id>.<expiry, base 36 ms>.<HMAC-SHA256>`. It carries no login: whoever
 * holds an unexpired, untampered token may answer that one invitation, and nothing else.
 */
export function signInvitation(enrollmentId: string, expiresAt: number, secret: string): string {
  const body = `${enrollmentId}.${expiresAt.toString(36)}`;
  return `${body}.${mac(body, secret)}`;
}

export type InvitationCheck = { ok: true; enrollmentId: string } | { ok: false; reason: 'invalid' | 'expired' };

export function verifyInvitation(token: string, now: number, secret: string): InvitationCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'invalid' };
  const [id, expiry, signature] = parts as [string, string, string];
  const expected = Buffer.from(mac(`${id}.${expiry}`, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const expiresAt = Number.parseInt(expiry, 36);
  if (!Number.isFinite(expiresAt) || now >= expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, enrollmentId: id };
}

const mac = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('base64url');
