import type { WorkingCalendar } from '../country-policy';

// Public holidays of the Cabinet's yearly announcement, with the substitution days when one falls on a weekend.
// The Buddhist holidays (Makha Bucha, Visakha Bucha, Asarnha Bucha) follow the lunar calendar: 2026 and 2027 are
// the Thai lunar calendar's dates, and the Cabinet may add special holidays — correct them through
// COUNTRY_OVERRIDES_FILE when it announces them.
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2026 = [
  '2026-01-01', '2026-03-03', '2026-04-06', '2026-04-13', '2026-04-14', '2026-04-15', '2026-05-01',
  '2026-05-04', '2026-06-01', '2026-06-03', '2026-07-28', '2026-07-29', '2026-08-12', '2026-10-13',
  '2026-10-23', '2026-12-07', '2026-12-10', '2026-12-31',
];
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2027_PROVISIONAL = [
  '2027-01-01', '2027-02-22', '2027-04-06', '2027-04-13', '2027-04-14', '2027-04-15', '2027-05-03',
  '2027-05-04', '2027-05-20', '2027-06-03', '2027-07-19', '2027-07-28', '2027-08-12', '2027-10-13',
  '2027-10-25', '2027-12-06', '2027-12-10', '2027-12-31',
];

export const thCalendar: WorkingCalendar = {
  workingHours: { start: '08:30', end: '17:30' },
  weekend: [0, 6],
  holidays: [...HOLIDAYS_2026, ...HOLIDAYS_2027_PROVISIONAL],
  makeupWorkdays: [],
};
