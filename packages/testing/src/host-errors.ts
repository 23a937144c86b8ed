/** Lines kept: enough for the errors behind one failing request, bounded over a long suite. */
const KEPT = 50;

/**
 * A test host's error log lines, kept in memory. A test host logs nothing to the console unless `TEST_LOG_LEVEL` says
 * so, and a test that gets a 500 would then not say why (a rare failure, under a full suite's load, could not be
 * told from its report alone). `show` prints the lines logged since a request began, beside the test that sent it.
 */
export class HostErrors {
  private readonly lines: string[] = [];
  /** Lines written so far: a request notes it when it starts. */
  count = 0;

  write(line: string): void {
    this.lines.push(line);
    this.count++;
    if (this.lines.length > KEPT) this.lines.shift();
  }

  show(what: string, since: number): void {
    const fresh = Math.min(this.count - since, this.lines.length);
    if (fresh > 0) console.error(`[test host] ${what}; the host logged:\n${this.lines.slice(-fresh).join('')}`);
  }
}
