import { createHash } from 'node:crypto';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import webpush from 'web-push';
import type { ChannelDriver, DeliveryOutcome, OutgoingMessage } from './channel';
import { type VapidSettings, vapidSettings } from './vapid-settings';

/** A browser's `PushSubscription.toJSON()`, as the field app registers it. */
export const PushSubscriptionJson = Type.Object({
  endpoint: Type.String({ pattern: '^https?://', maxLength: 2000 }),
  expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  keys: Type.Object({ p256dh: Type.String({ minLength: 1, maxLength: 200 }), auth: Type.String({ minLength: 1, maxLength: 100 }) }),
});

export interface WebPushOptions {
  vapid: VapidSettings;
  /** How long the push service keeps a message for an offline device. */
  ttlSeconds?: number;
  timeoutMs?: number;
}

/** What the service worker receives (apps/web/field/sw.js reads these three fields). */
export interface PushPayload {
  title: string;
  body: string;
  link: string | null;
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and an aes128gcm payload (RFC 8291). `web-push` builds the signed,
 * encrypted request; it is sent with fetch so the answer's status decides the outcome and a slow push service
 * gives up after `timeoutMs` (the library's own sender speaks only https and throws on every non-2xx).
 */
export class WebPushDriver implements ChannelDriver {
  readonly channel = 'push';
  readonly name = 'web-push';

  constructor(private readonly options: WebPushOptions) {}

  async send(message: OutgoingMessage, address: string): Promise<DeliveryOutcome> {
    const subscription = parseSubscription(address);
    if (!subscription) return { status: 'failed', providerAnswer: 'the address is not a push subscription' };
    const payload: PushPayload = { title: message.subject, body: message.text, link: message.link ?? null };
    const request = webpush.generateRequestDetails(subscription, JSON.stringify(payload), {
      vapidDetails: this.options.vapid,
      TTL: this.options.ttlSeconds ?? 86_400,
      // The push service keeps one pending message per topic: a redelivered notice replaces itself.
      topic: createHash('sha256').update(message.deliveryId).digest('base64url').slice(0, 32),
    });
    let response: Response;
    try {
      response = await fetch(request.endpoint, {
        method: request.method,
        headers: requestHeaders(request.headers),
        body: request.body ? new Uint8Array(request.body) : null,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      return { status: 'retry', providerAnswer: unreachable(error, this.options.timeoutMs ?? 10_000) };
    }
    return outcomeOf(response.status, response.ok ? (response.headers.get('location') ?? '') : await response.text().catch(() => ''));
  }
}

/** The push service's answer (RFC 8030 §5, §7.3 and §8.4): 404/410 mean the subscription is over. */
function outcomeOf(status: number, detail: string): DeliveryOutcome {
  const providerAnswer = `HTTP ${status}${detail ? ` ${detail.slice(0, 300)}` : ''}`;
  if (status >= 200 && status < 300) return { status: 'sent', providerAnswer };
  if (status === 404 || status === 410) return { status: 'gone', providerAnswer };
  if (status === 429 || status >= 500) return { status: 'retry', providerAnswer };
  return { status: 'failed', providerAnswer };
}

function parseSubscription(address: string): webpush.PushSubscription | undefined {
  try {
    const value: unknown = JSON.parse(address);
    return Value.Check(PushSubscriptionJson, value) ? { endpoint: value.endpoint, keys: value.keys } : undefined;
  } catch {
    return undefined;
  }
}

// fetch computes Content-Length from the body itself and wants header values as strings.
function requestHeaders(headers: webpush.Headers): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => name.toLowerCase() !== 'content-length')
      .map(([name, value]) => [name, String(value)]),
  );
}

function unreachable(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  return `the push service cannot be reached: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`;
}

/** The Web Push driver when the VAPID settings are there, else undefined (the field app then offers no push opt-in). */
export function createWebPushDriver(env: Record<string, string | undefined>): WebPushDriver | undefined {
  const vapid = vapidSettings(env);
  return vapid ? new WebPushDriver({ vapid }) : undefined;
}

/** The key browsers subscribe with (`applicationServerKey`), or null when Web Push is not configured. */
export function vapidPublicKey(env: Record<string, string | undefined>): string | null {
  return vapidSettings(env)?.publicKey ?? null;
}
