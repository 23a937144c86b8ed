import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DownloadHeaders } from './file-store';

export type SignedMethod = 'GET' | 'PUT';

/**
 * HMAC-signed URLs for stores that cannot sign their own (local disk): the file service answers them at
 * `<basePath>/<key>?expires=&signature=` (plus `type=&disposition=` for a download's answer headers) and checks
 * them with `verify` before reading or writing. Downloads may point at another origin (`downloadOrigin`) that
 * reaches the same service, so that a file never runs in the app's origin.
 */
export class UrlSigner {
  constructor(
    private readonly secret: string,
    readonly basePath: string,
    private readonly now: () => number = Date.now,
    private readonly downloadOrigin = '',
  ) {}

  sign(method: SignedMethod, key: string, expiresInSeconds: number, headers?: DownloadHeaders): string {
    const expires = Math.floor(this.now() / 1000) + expiresInSeconds;
    const query = new URLSearchParams({ expires: String(expires) });
    if (headers) {
      query.set('type', headers.contentType);
      query.set('disposition', headers.contentDisposition);
    }
    query.set('signature', this.signature(method, key, expires, headers));
    const origin = method === 'GET' ? this.downloadOrigin : '';
    return `${origin}${this.basePath}/${key}?${query.toString()}`;
  }

  /**
   * True when the signature is this secret's for exactly this method, key, expiry and answer headers, and it has
   * not expired.
   */
  verify(method: SignedMethod, key: string, expires: number, signature: string, headers?: DownloadHeaders): boolean {
    if (!Number.isSafeInteger(expires) || expires * 1000 < this.now()) return false;
    const expected = Buffer.from(this.signature(method, key, expires, headers), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private signature(method: SignedMethod, key: string, expires: number, headers?: DownloadHeaders): string {
    const answer = headers ? `\n${headers.contentType}\n${headers.contentDisposition}` : '';
    return createHmac('sha256', this.secret).update(`${method}\n${key}\n${expires}${answer}`).digest('base64url');
  }
}
