import nodemailer from 'nodemailer';
import type { ChannelDriver, DeliveryOutcome } from './channel';

export interface SmtpSettings {
  /** `smtp://user:pass@host:587` or `smtps://…:465` (nodemailer's connection URL). */
  url: string;
  /** The From header, e.g. `FieldOps <no-reply@example.com>`. */
  from: string;
}

/** RFC 5321 reply codes: 4yz is a transient failure (try again), 5yz a permanent one. */
function outcomeOfError(error: unknown): DeliveryOutcome {
  const e = error as { responseCode?: number; response?: string; message?: string; code?: string };
  const answer = (e.response ?? e.message ?? String(error)).slice(0, 1000);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) return { status: 'failed', providerAnswer: answer };
  // 4yz, or no reply at all (the server was unreachable, the connection dropped): worth another attempt later.
  return { status: 'retry', providerAnswer: answer };
}

/** Email over SMTP: HTML and text bodies of the same notice, the subject in the recipient's language. */
export function smtpDriver(settings: SmtpSettings): ChannelDriver {
  const transport = nodemailer.createTransport(settings.url);
  return {
    channel: 'email',
    name: 'smtp',
    async send(message, address) {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: address,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: { 'X-FieldOps-Delivery': message.deliveryId },
        });
        return { status: 'sent', providerAnswer: String(info.response ?? 'accepted').slice(0, 1000) };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
    async close() {
      transport.close();
    },
  };
}
