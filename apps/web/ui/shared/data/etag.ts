/** The `If-Match` value for a record read at `version`: the API's ETag is the version, quoted. */
export const etagOf = (version: number): string => `"${version}"`;
