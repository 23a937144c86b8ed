/** Times are epoch milliseconds in the database and ISO 8601 in the API. */
export function isoTime(ms: number): string {
  return new Date(Number(ms)).toISOString();
}
