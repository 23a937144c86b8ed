import type { Logger } from '@fieldops/platform';
import type { ChannelDriver, DeliveryChannel } from './channel';

/** Writes each message to the service log instead of sending it: the driver of a channel no provider is set for. */
export function logDriver(channel: DeliveryChannel, log: Logger): ChannelDriver {
  return {
    channel,
    name: 'log',
    async send(message, address) {
      log.info(
        { channel, deliveryId: message.deliveryId, to: address, subject: message.subject, text: message.text, link: message.link },
        `${channel} message (no provider configured: written to the log)`,
      );
      return { status: 'sent', providerAnswer: 'written to the log' };
    },
  };
}
