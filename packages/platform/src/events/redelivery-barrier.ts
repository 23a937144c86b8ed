/**
 * Keeps a restarted consumer from applying a new event before an older one of the same subject.
 *
 * The messages a crashed instance held (delivered, never acked) come back only once their ack_wait ran out, or when
 * an instance that lost its lease hands them back, and the server meanwhile delivers newer messages; were they
 * applied as they come, a newer event could overtake an older event of its subject. So at the start of each session,
 * when messages are outstanding, every message is held until each outstanding one has been received again (the
 * session then queues them in stream order), or until the redeliveries are overdue: an outstanding message is due
 * again within ack_wait, so the deadline only matters when one can no longer come back (e.g. removed from the stream
 * by its limits).
 */
export class RedeliveryBarrier {
  /** Resolves when newer messages may go. */
  readonly lifted: Promise<void>;
  private lift: () => void = () => {};
  private active: boolean;
  private readonly redelivered = new Set<number>();
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

  /** Whether messages must wait for the barrier. */
  holds(): boolean {
    return this.active;
  }

  /** Notes a received message; lifts the barrier once every outstanding one came back. */
  received(streamSeq: number): void {
    if (!this.active || streamSeq > this.lastDelivered) return;
    this.redelivered.add(streamSeq);
    if (this.redelivered.size >= this.outstanding) this.open();
  }

  /** Opens at once (the session ends). */
  open(): void {
    this.active = false;
    clearTimeout(this.timer);
    this.lift();
  }
}
