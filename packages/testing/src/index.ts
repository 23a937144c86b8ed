export { loginAreaScoped } from './area-scoped-user';
export { type Engine, engineAvailable, enginesRequired, engineUrls } from './engines';
export {
  databaseEngines,
  distributedEngines,
  embeddedEngines,
  hostEngines,
  isolate,
  mariadbEngineAt,
  type TestDatabaseEngine,
  type TestEngines,
} from './engines-env';
export { eventually } from './eventually';
export { freePort } from './free-port';
export {
  binlogRelayEngines,
  type MariaDbPair,
  type MariaDbServer,
  mariadbdAvailable,
  startMariaDb,
  startMariaDbPair,
} from './mariadb-servers';
export { memcachedAvailable, startMemcached, type TestMemcached } from './memcached-server';
export { MovableClock } from './movable-clock';
export { queryPlan, withScratchDatabase } from './query-plan';
export { startS3Server, type TestS3Server } from './s3-server';
export { type ColumnsOf, declaredColumns, migratedColumns, type ServiceColumns } from './schema-columns';
export { type Balancer, startBalancer } from './tcp-balancer';
export { startTcpProxy, type TcpProxy } from './tcp-proxy';
export { type ApiResponse, serviceDb, startTestHost, type TestHost } from './test-host';
