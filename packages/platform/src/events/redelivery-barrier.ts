/**
 * Keeps a restarted consumer from applying a new event before an older one of the same subject.
 *
 * The messages a crashed instance held (delivered, never acked) come back only once their ack_wait ran out, and the
 * server meanwhile delivers newer messages; were both applied at once, a newer event could overtake an older event
 * of its subject. So at the start of each session, when messages are outstanding, messages past the last delivered
 * sequence are held until every outstanding one has been received again (and queued ahead of them on its subject),
 * or until the redeliveries are overdue: after a crash a message is due again within ack_wait, so the deadline only
 * matters when an outstanding message can no longer come back (e.g. removed from the stream by its limits).
 */
export class RedeliveryBarrier {
  /** Resolves when newer messages may go. */
  readonly lifted: Promise<void>;
  private lift: () => void = () => {};
  private active: boolean;
  private readonly received = new Set<number>();
  private readonly timer: NodeJS.Timeout | undefined;

  /**
   * @param lastDelivered the consumer's last delivered stream sequence when the session started
   * @param outstanding how many messages were delivered but not acked then
   */
  constructor(
    private readonly lastDelivered: number,
    private readonly outstanding: number,
    deadlineMs: number,
  ) {
    this.lifted = new Promise<void>((resolve) => {
      this.lift = resolve;
    });
    this.active = outstanding > 0;
    if (this.active) {
      this.timer = setTimeout(() => this.open(), deadlineMs);
      this.timer.unref();
    } else this.lift();
  }

  /** Whether the message at this stream sequence must wait for the barrier. */
  holds(streamSeq: number): boolean {
    return this.active && streamSeq > this.lastDelivered;
  }

  /** Whether this message was delivered before the session started (so it goes ahead of the held ones). */
  isRedelivery(streamSeq: number): boolean {
    return streamSeq <= this.lastDelivered;
  }

  /** Notes a redelivered message; lifts the barrier once all outstanding ones arrived. */
  receivedRedelivery(streamSeq: number): void {
    if (!this.active) return;
    this.received.add(streamSeq);
    if (this.received.size >= this.outstanding) this.open();
  }

  /** Opens at once (the session ends). */
  open(): void {
    this.active = false;
    clearTimeout(this.timer);
    this.lift();
  }
}
