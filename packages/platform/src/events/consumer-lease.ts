import { JetStreamApiCodes, JetStreamApiError, type JetStreamClient, type JetStreamManager, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

/**
 * One running instance per durable consumer. Replicas of a service share their durable consumers, and the server
 * would split the messages between them, so two replicas could apply events of one subject at once. The holder
 * of a consumer's lease is the only instance that consumes; the others wait and take over when it stops renewing.
 *
 * A lease is the last message on `<subject>.<durable>` in a stream that keeps one message per subject for `ttlMs`:
 * taking it publishes only if the subject is empty, renewing publishes only if the holder's message is still the
 * last one (JetStream's expected-last-subject-sequence check), and an unrenewed lease expires with its message.
 */
export class ConsumerLeases {
  private constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly stream: string,
    private readonly subject: string,
    readonly ttlMs: number,
  ) {}

  static async open(jsm: JetStreamManager, stream: string, subject: string, ttlMs: number, replicas = 1): Promise<ConsumerLeases> {
    try {
      await jsm.streams.info(stream);
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound)) throw err;
      await jsm.streams
        .add({
          name: stream,
          subjects: [`${subject}.>`],
          storage: StorageType.File,
          max_msgs_per_subject: 1,
          num_replicas: replicas,
          max_age: nanos(ttlMs),
        })
        // Another instance may have created it in the meantime.
        .catch(async (addErr: unknown) => {
          await jsm.streams.info(stream).catch(() => {
            throw addErr;
          });
        });
    }
    return new ConsumerLeases(jsm.jetstream(), jsm, stream, subject, ttlMs);
  }

  /** Takes the lease if nobody holds it; answers the lease's sequence (to renew and release it with) or nothing. */
  tryTake(durable: string): Promise<number | undefined> {
    return this.publish(durable, 0);
  }

  /**
   * Keeps a taken lease, renewing it four times per ttl; `onLost` runs once a renewal finds it expired or taken (a
   * renewal that fails to reach the server is tried again, the lease expiring in the meantime if it keeps failing).
   */
  hold(durable: string, sequence: number, onLost: () => void): { release(): Promise<void> } {
    let current = sequence;
    let lost = false;
    let renewing: Promise<void> | undefined;
    const timer = setInterval(() => {
      if (renewing || lost) return;
      renewing = this.publish(durable, current)
        .then(
          (next) => {
            if (next === undefined) {
              lost = true;
              onLost();
            } else current = next;
          },
          () => undefined,
        )
        .finally(() => {
          renewing = undefined;
        });
    }, this.ttlMs / 4);
    return {
      release: async () => {
        clearInterval(timer);
        await renewing;
        // Deleting it lets another instance take over now rather than when it expires.
        if (!lost) await this.jsm.streams.deleteMessage(this.stream, current, false).catch(() => undefined);
      },
    };
  }

  private async publish(durable: string, expectedLast: number): Promise<number | undefined> {
    try {
      const ack = await this.js.publish(`${this.subject}.${durable}`, '', {
        expect: { lastSubjectSequence: expectedLast },
      });
      return ack.seq;
    } catch (err) {
      if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamWrongLastSequence) return undefined;
      throw err;
    }
  }
}
