import { JetStreamApiCodes, JetStreamApiError, type JetStreamClient, type JetStreamManager, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

/** A lease this instance took. */
export interface HeldLease {
  /** Whether the lease is surely still this instance's (false for good once it may have lapsed, or was released). */
  fresh(): boolean;
  release(): Promise<void>;
}

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
   *
   * `fresh()` says whether the lease is surely still ours: the server keeps it `ttlMs` from when it received the last
   * renewal, which came after we sent it, so until `ttlMs` after sending (less a margin for clock drift) nobody else
   * can hold it. A process that was paused (a long GC, SIGSTOP, a frozen VM) wakes up past that deadline and must not
   * apply another event before it knows: the lease counts as lost from then on, and `onLost` runs.
   */
  hold(durable: string, sequence: number, onLost: () => void, takenAt = Date.now()): HeldLease {
    let current = sequence;
    let confirmedSentAt = takenAt;
    let lost = false;
    let renewing: Promise<void> | undefined;
    const lose = () => {
      if (lost) return;
      lost = true;
      onLost();
    };
    const fresh = () => {
      if (!lost && Date.now() >= confirmedSentAt + this.ttlMs - this.ttlMs / 4) lose();
      return !lost;
    };
    const timer = setInterval(() => {
      if (renewing || !fresh()) return;
      const sentAt = Date.now();
      renewing = this.publish(durable, current)
        .then(
          (next) => {
            if (next === undefined) lose();
            else if (!lost) {
              current = next;
              confirmedSentAt = sentAt;
            }
          },
          () => undefined,
        )
        .finally(() => {
          renewing = undefined;
        });
    }, this.ttlMs / 4);
    return {
      fresh,
      release: async () => {
        clearInterval(timer);
        await renewing;
        const held = !lost;
        // Released, it is no longer this instance's: nothing may be applied under it.
        lost = true;
        // Deleting it lets another instance take over now rather than when it expires.
        if (held) await this.jsm.streams.deleteMessage(this.stream, current, false).catch(() => undefined);
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
