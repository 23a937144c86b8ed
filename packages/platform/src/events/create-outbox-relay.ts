import type { OutboxRelayMode } from '../config/config';
import type { MysqlServer } from '../db/database';
import { BinlogOutboxRelay } from './binlog-outbox-relay';
import { OutboxRelay, type Relay, type RelayOptions } from './outbox-relay';

/**
 * The relay a service runs: `poll` (the default, and the only one SQLite has) or `binlog` on MySQL/MariaDB. The id
 * a binlog relay shows the server as a replica is derived from the database name, so the services of one
 * installation (and a service's replicas, which take turns through the relay lease) never collide.
 */
export function createOutboxRelay(mode: OutboxRelayMode, options: RelayOptions, database: { name: string; server?: MysqlServer }): Relay {
  if (mode === 'poll' || !database.server) {
    if (mode === 'binlog') options.log.warn({ service: options.service }, 'OUTBOX_RELAY=binlog needs MySQL/MariaDB; polling the outbox');
    return new OutboxRelay(options);
  }
  return new BinlogOutboxRelay({ ...options, server: database.server, database: database.name, serverId: binlogServerId(database.name) });
}

/** A stable id in 1,000,000…2^31: clear of the small ids people give real servers. */
function binlogServerId(database: string): number {
  let hash = 0;
  for (const char of database) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 1_000_000 + (hash % 2_000_000_000);
}
