export { type Engine, engineAvailable, engineUrls, enginesRequired } from './engines';
export {
  databaseEngines,
  distributedEngines,
  embeddedEngines,
  hostEngines,
  type TestDatabaseEngine,
  type TestEngines,
} from './engines-env';
export { eventually } from './eventually';
export { MovableClock } from './movable-clock';
export { type ApiResponse, startTestHost, type TestHost } from './test-host';
