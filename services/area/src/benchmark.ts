// What the benchmarks measure below the area service's API: the spatial index and what ResolveArea runs on it, the
// row a new area is stored as, and the counter that tells the service's index to reload. Other services never import
// it: they go through RPC and events.
export { INDEX_VERSION } from './app/area-index-holder';
export { newAreaRow } from './app/create-area';
export type { AreaRow } from './db/area.repository';
export { stateRepository } from './db/coverage.repository';
export { AreaIndex, type IndexedArea, indexedArea } from './domain/area-index';
export type { AreaKind } from './domain/area-kind';
export type { AreaGeometry, Position } from './domain/geometry';
export { validateGeometry } from './domain/geometry-validation';
export { geometryContains } from './domain/point-in-polygon';
