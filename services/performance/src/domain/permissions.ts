/** The permissions this service checks; roles grant them (the account service keeps the catalogue). */
export const PerformancePermission = {
  read: 'performance:read',
  /** Setting targets for the reps and teams in one's scope. */
  target: 'performance:target',
  /** Sending in merchants' business figures (the O2O platform's integration). */
  ingest: 'performance:ingest',
  /** Setting a country's incentive plans and closing its pay periods. */
  incentives: 'performance:incentives',
} as const;
