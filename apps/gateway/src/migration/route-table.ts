import type { MigrationRoute } from '@fieldops/migration';

export type { MigrationMode, MigrationRoute } from '@fieldops/migration';

/**
 * The routes and their modes as the migration service holds them, followed by this gateway: re-read when the service
 * announces a switch, and polled in case an announcement was missed, so every replica switches together. Until the
 * first read succeeds nothing migrating can be routed (see `loaded`).
 */
export class RouteTable {
  private routes: MigrationRoute[] | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly read: () => Promise<MigrationRoute[]>) {}

  get loaded(): boolean {
    return this.routes !== undefined;
  }

  list(): MigrationRoute[] {
    return this.routes ?? [];
  }

  /** One read at a time; a caller arriving during one waits for a fresh one after it. */
  async refresh(): Promise<void> {
    const previous = this.refreshing;
    const next = (async () => {
      await previous?.catch(() => {});
      this.routes = await this.read();
    })();
    this.refreshing = next;
    try {
      await next;
    } finally {
      if (this.refreshing === next) this.refreshing = undefined;
    }
  }

  /** The route whose prefix is the path or a parent of it (the longest, when prefixes nest). */
  match(url: string): MigrationRoute | undefined {
    const pathname = url.split('?')[0] ?? '';
    let best: MigrationRoute | undefined;
    for (const route of this.list()) {
      const covers = pathname === route.prefix || pathname.startsWith(`${route.prefix}/`);
      if (covers && (!best || route.prefix.length > best.prefix.length)) best = route;
    }
    return best;
  }
}
