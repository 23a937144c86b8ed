// @fieldops/geo: pure geographic functions shared by the services (no I/O).
export * from './coordinates';
export * from './distance';
