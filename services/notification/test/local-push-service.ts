import { createECDH, createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decryptAes128gcm, type SubscriberKeys } from './rfc8291-decrypt';

/** One message the push service accepted, decrypted as the browser would. */
export interface ReceivedPush {
  subscriptionId: string;
  payload: string;
  headers: http.IncomingHttpHeaders;
  vapid: { audience: string; subject: string; expiresAt: number };
}

interface Subscription {
  keys: SubscriberKeys;
  /** The VAPID key the browser subscribed with (`applicationServerKey`); the service refuses messages signed otherwise. */
  applicationServerKey: string;
  /** A scripted answer instead of accepting, e.g. 410 for an unsubscribed browser. */
  answer?: number;
}

/**
 * A push service on loopback speaking RFC 8030 as browsers' push services do: it checks the VAPID token (RFC 8292:
 * ES256 signature by the key the subscription was made with, `aud` = this service's origin, `exp` within 24 h),
 * decrypts the aes128gcm body (RFC 8291) with the subscription's private key and auth secret, and answers 201 with
 * the message's Location.
 */
export async function startLocalPushService() {
  const subscriptions = new Map<string, Subscription>();
  const received: ReceivedPush[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, text = '', headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'text/plain', ...headers });
        response.end(text);
      };
      const id = /^\/push\/([\w-]+)$/.exec(request.url ?? '')?.[1];
      const subscription = id ? subscriptions.get(id) : undefined;
      if (!id || !subscription || request.method !== 'POST') return answer(404, 'no such subscription');
      if (subscription.answer) return answer(subscription.answer, `scripted ${subscription.answer}`);
      const vapid = checkVapid(request.headers.authorization, subscription.applicationServerKey, origin);
      if ('refused' in vapid) return answer(vapid.refused, vapid.reason);
      if (request.headers['content-encoding'] !== 'aes128gcm') return answer(415, 'expected Content-Encoding: aes128gcm');
      let payload: string;
      try {
        payload = decryptAes128gcm(Buffer.concat(chunks), subscription.keys).toString('utf8');
      } catch (error) {
        return answer(400, `cannot decrypt: ${(error as Error).message}`);
      }
      const messageId = randomUUID();
      received.push({ subscriptionId: id, payload, headers: request.headers, vapid });
      answer(201, '', { location: `${origin}/message/${messageId}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    received,
    /** A browser's subscription to this service, as `PushSubscription.toJSON()` gives it, with its private keys. */
    subscribe(applicationServerKey: string, answer?: number) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const keys: SubscriberKeys = { privateKey: ecdh.getPrivateKey(), publicKey: ecdh.getPublicKey(), authSecret: randomBytes(16) };
      const id = randomUUID();
      subscriptions.set(id, { keys, applicationServerKey, answer });
      const json = {
        endpoint: `${origin}/push/${id}`,
        expirationTime: null,
        keys: { p256dh: b64url(keys.publicKey), auth: b64url(keys.authSecret) },
      };
      return { id, json: JSON.stringify(json) };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');

/** RFC 8292 §3: `Authorization: vapid t=<JWT>, k=<public key>`. Answers the token's claims or why it is refused. */
function checkVapid(
  authorization: string | undefined,
  applicationServerKey: string,
  origin: string,
): ReceivedPush['vapid'] | { refused: 401 | 403; reason: string } {
  const refused = (reason: string) => ({ refused: 401 as const, reason });
  const match = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
  if (!match) return refused('no vapid authorization');
  const [, header, claims, signature, key] = match as unknown as [string, string, string, string, string];
  // RFC 8292 §4.2: a key other than the subscription's is 403.
  if (key !== applicationServerKey) return { refused: 403, reason: 'key differs from the subscription’s applicationServerKey' };
  const point = Buffer.from(key, 'base64url');
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) },
    format: 'jwk',
  });
  const signed = Buffer.from(`${header}.${claims}`);
  if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'ES256') return refused('token is not ES256');
  if (!verify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))) {
    return refused('token signature does not verify');
  }
  const { aud, sub, exp } = JSON.parse(Buffer.from(claims, 'base64url').toString());
  if (aud !== origin) return refused(`token audience ${aud} is not ${origin}`);
  const now = Date.now() / 1000;
  if (typeof exp !== 'number' || exp < now || exp > now + 24 * 3600) return refused('token expiry is not within 24 hours');
  if (typeof sub !== 'string' || !/^(mailto:|https:)/.test(sub)) return refused('token has no contact subject');
  return { audience: aud, subject: sub, expiresAt: exp };
}
