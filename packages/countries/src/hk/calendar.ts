import type { WorkingCalendar } from '../country-policy';

// General holidays (General Holidays Ordinance, Cap. 149) as gazetted for 2026, with the day after a holiday that
// falls on a Sunday. 2027 is not gazetted yet: its lunar dates (Lunar New Year, Ching Ming, Buddha's Birthday, Tuen
// Ng, Mid-Autumn, Chung Yeung) are the calendar's and must be confirmed via COUNTRY_OVERRIDES_FILE.
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2026 = [
  '2026-01-01', '2026-02-17', '2026-02-18', '2026-02-19', '2026-04-03', '2026-04-04', '2026-04-06',
  '2026-04-07', '2026-05-01', '2026-05-25', '2026-06-19', '2026-07-01', '2026-09-26', '2026-10-01',
  '2026-10-19', '2026-12-25', '2026-12-26',
];
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2027_PROVISIONAL = [
  '2027-01-01', '2027-02-06', '2027-02-08', '2027-02-09', '2027-03-26', '2027-03-27', '2027-03-29',
  '2027-04-05', '2027-05-01', '2027-05-13', '2027-06-09', '2027-07-01', '2027-09-16', '2027-10-01',
  '2027-10-08', '2027-12-25', '2027-12-27',
];

export const hkCalendar: WorkingCalendar = {
  workingHours: { start: '09:00', end: '18:00' },
  weekend: [0, 6],
  holidays: [...HOLIDAYS_2026, ...HOLIDAYS_2027_PROVISIONAL],
  makeupWorkdays: [],
};
