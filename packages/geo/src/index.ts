// @fieldops/geo: pure geographic functions shared by the services (no I/O).
export * from './area-country';
export * from './box-cells';
export * from './circle-cover';
export * from './coordinates';
export * from './distance';
export * from './edge-coordinates';
export * from './h3-cells';
export * from './place-names';
export * from './stored-precision';
