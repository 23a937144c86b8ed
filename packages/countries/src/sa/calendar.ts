import type { WorkingCalendar } from '../country-policy';

// The private sector's official holidays (Labour Law, Council of Ministers decisions): Founding Day (22 Feb),
// National Day (23 Sep), and four days each for Eid al-Fitr and Eid al-Adha. The Eids follow the Hijri calendar:
// the dates below are the Umm al-Qura calendar's (Eid al-Fitr 1447 = 2026-03-20, Eid al-Adha 1447 = 2026-05-27,
// 1448 = 2027-03-09 and 2027-05-16); the moon sighting may move an Eid by a day, and the Ministry of Human
// Resources announces the exact span each year — correct it through COUNTRY_OVERRIDES_FILE when it does.
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2026 = [
  '2026-02-22',
  '2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22',
  '2026-05-26', '2026-05-27', '2026-05-28', '2026-05-29',
  '2026-09-23',
];
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2027 = [
  '2027-02-22',
  '2027-03-08', '2027-03-09', '2027-03-10', '2027-03-11',
  '2027-05-15', '2027-05-16', '2027-05-17', '2027-05-18',
  '2027-09-23',
];

/** The Saudi week: Sunday to Thursday; Friday and Saturday are the weekend since 2013. */
export const saCalendar: WorkingCalendar = {
  workingHours: { start: '09:00', end: '17:00' },
  weekend: [5, 6],
  holidays: [...HOLIDAYS_2026, ...HOLIDAYS_2027],
  makeupWorkdays: [],
};
