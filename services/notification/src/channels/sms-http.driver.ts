import type { ChannelDriver, DeliveryOutcome, OutgoingMessage } from './channel';

/** One account at a provider that speaks Twilio's Messages API. */
export interface SmsHttpOptions {
  /** The provider's base URL, e.g. https://api.twilio.com; the API path is appended. */
  baseUrl: URL;
  accountSid: string;
  authToken: string;
  /** The sender: an E.164 number, a short code or an alphanumeric sender id, as the provider allows. */
  from: string;
  /** Shown in the delivery log, e.g. 'sms-http:twilio'. */
  name?: string;
  timeoutMs?: number;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * SMS through a Twilio-compatible HTTP API: `POST /2010-04-01/Accounts/{sid}/Messages.json` with a form body
 * (To, From, Body) and basic auth. 2xx → sent (the message sid), 429/5xx or no answer → retry, other 4xx → failed.
 */
export class SmsHttpDriver implements ChannelDriver {
  readonly channel = 'sms';
  readonly name: string;
  private readonly messagesUrl: URL;
  private readonly authorization: string;

  constructor(private readonly options: SmsHttpOptions) {
    this.name = options.name ?? 'sms-http';
    const base = options.baseUrl.href.endsWith('/') ? options.baseUrl.href : `${options.baseUrl.href}/`;
    this.messagesUrl = new URL(`2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`, base);
    this.authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  }

  async send(message: OutgoingMessage, address: string): Promise<DeliveryOutcome> {
    if (!E164.test(address)) return { status: 'failed', providerAnswer: `${address} is not an E.164 phone number` };
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    let response: Response;
    try {
      response = await fetch(this.messagesUrl, {
        method: 'POST',
        headers: { authorization: this.authorization, accept: 'application/json' },
        body: new URLSearchParams({ To: address, From: this.options.from, Body: message.text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      return { status: 'retry', providerAnswer: timedOut ? `no answer within ${timeoutMs} ms` : 'the SMS provider cannot be reached' };
    }
    const answer = await response.text().catch(() => '');
    if (response.ok) return { status: 'sent', providerAnswer: messageSid(answer) ?? `HTTP ${response.status}` };
    const providerAnswer = `HTTP ${response.status} ${providerError(answer)}`.trim();
    return { status: response.status === 429 || response.status >= 500 ? 'retry' : 'failed', providerAnswer };
  }
}

function parsed(answer: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(answer);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function messageSid(answer: string): string | undefined {
  const sid = parsed(answer)?.sid;
  return typeof sid === 'string' ? sid : undefined;
}

/** Twilio's error body: {code, message, more_info, status}; anything else is quoted as is, shortened. */
function providerError(answer: string): string {
  const body = parsed(answer);
  if (body && typeof body.message === 'string') return body.code ? `${body.code} ${body.message}` : body.message;
  return answer.slice(0, 300);
}
