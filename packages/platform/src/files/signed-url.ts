import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignedMethod = 'GET' | 'PUT';

/**
 * HMAC-signed URLs for stores that cannot sign their own (local disk): the file service answers them at
 * `<basePath>/<key>?expires=&signature=` and checks them with `verify` before reading or writing.
 */
export class UrlSigner {
  constructor(
    private readonly secret: string,
    readonly basePath: string,
    private readonly now: () => number = Date.now,
  ) {}

  sign(method: SignedMethod, key: string, expiresInSeconds: number): string {
    const expires = Math.floor(this.now() / 1000) + expiresInSeconds;
    const query = new URLSearchParams({ expires: String(expires), signature: this.signature(method, key, expires) });
    return `${this.basePath}/${key}?${query.toString()}`;
  }

  /** True when the signature is this secret's for exactly this method, key and expiry, and it has not expired. */
  verify(method: SignedMethod, key: string, expires: number, signature: string): boolean {
    if (!Number.isSafeInteger(expires) || expires * 1000 < this.now()) return false;
    const expected = Buffer.from(this.signature(method, key, expires), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private signature(method: SignedMethod, key: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${method}\n${key}\n${expires}`).digest('base64url');
  }
}
