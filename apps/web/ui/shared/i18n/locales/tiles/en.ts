/** English strings of the dashboard's totals and the field app's "My figures" (what counted and what did not). */
export const tilesEn = {
  dashboard: {
    today: 'Today',
    month: 'This month',
    explainLink: '{{metric}}, {{period}}: {{value}}. Show what counted',
    figuresUnavailable: 'Figures are not available on this installation yet.',
    awaitingReview: 'Awaiting review',
    rejected: 'Rejected',
    openLeads: 'Open (not yet won or lost)',
    closeExplain: 'Close the facts',
  },
  field: {
    today: 'Today',
    thisMonth: 'This month',
    notCounted: 'What did not count, and why',
    allCounted: 'Everything you did this month counted.',
    reasons: {
      'awaiting-review': 'Flagged for review: not counted until a reviewer approves it.',
      rejected: 'Rejected by a reviewer: not counted.',
      duplicate: 'Possibly a duplicate of a lead or merchant already known: not counted.',
    },
    because: 'Why: {{detail}}',
    latestShown: 'The latest {{count}} are shown.',
  },
};
