/** The legacy system's HTTP API, as the adapters and reconciliation call it (with its own token, `LEGACY_TOKEN`). */
export class LegacyClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  async get(path: string): Promise<unknown> {
    const response = await fetch(new URL(path, this.baseUrl), { headers: this.headers(), signal: AbortSignal.timeout(30_000) });
    if (response.status !== 200) throw new Error(`legacy GET ${path} answered ${response.status}`);
    return response.json();
  }

  /** The record at `path`, or undefined when the legacy system has none. */
  async find(path: string): Promise<unknown> {
    const response = await fetch(new URL(path, this.baseUrl), { headers: this.headers(), signal: AbortSignal.timeout(30_000) });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw new Error(`legacy GET ${path} answered ${response.status}`);
    return response.json();
  }

  /** A create the legacy system applies once per key: a retried call makes no second record. */
  async create(path: string, body: unknown, idempotencyKey: string): Promise<void> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status !== 200 && response.status !== 201) {
      throw new Error(`legacy POST ${path} answered ${response.status}: ${await response.text()}`);
    }
  }

  /**
   * Changes the record at `path` to the fields of `body`, once per key: a retried call changes nothing more (and an
   * old call repeated after a newer change does not undo it).
   */
  async update(path: string, body: unknown, idempotencyKey: string): Promise<void> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: 'PATCH',
      headers: { ...this.headers(), 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status !== 200) throw new Error(`legacy PATCH ${path} answered ${response.status}: ${await response.text()}`);
  }

  private headers(): Record<string, string> {
    return { accept: 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) };
  }
}
