/** The channels a notice can go out on besides the in-app inbox. */
export type DeliveryChannel = 'email' | 'push' | 'sms';

/** One notice for one recipient on one channel, already rendered in the recipient's locale. */
export interface OutgoingMessage {
  /** Stable id of this (notification, channel) delivery; providers that deduplicate use it. */
  readonly deliveryId: string;
  readonly recipient: { readonly userId: string; readonly locale: string; readonly country: string };
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Where the notice leads in the app (a path such as /console/leads/123), if anywhere. */
  readonly link?: string;
}

/** What a provider answered: `retry` is temporary, `failed` permanent, `gone` means the address no longer exists. */
export type DeliveryOutcome =
  | { readonly status: 'sent'; readonly providerAnswer: string }
  | { readonly status: 'retry'; readonly providerAnswer: string }
  | { readonly status: 'failed'; readonly providerAnswer: string }
  | { readonly status: 'gone'; readonly providerAnswer: string };

/** A provider for one channel. `address` is an email address, an E.164 number, or a push subscription's JSON. */
export interface ChannelDriver {
  readonly channel: DeliveryChannel;
  /** Shown in the delivery log and at start, e.g. 'smtp', 'log', 'web-push', 'sms-http'. */
  readonly name: string;
  send(message: OutgoingMessage, address: string): Promise<DeliveryOutcome>;
  close?(): Promise<void>;
}
