// @fieldops/area-client: which area holds a point, asked of the area service, for the owners of located records.
export * from './area-changes';
export * from './area-client';
export * from './area-moves';
