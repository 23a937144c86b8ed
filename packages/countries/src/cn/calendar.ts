import type { WorkingCalendar } from '../country-policy';

// 2026: State Council notice of 2025-11-04 (国办发明电, 2026年部分节假日安排), including the
// weekend make-up workdays. 2027: the notice is not in this file yet, so this lists the statutory holiday
// days (元旦1, 春节4, 清明1, 劳动节2, 端午1, 中秋1, 国庆3) plus a PROVISIONAL Spring Festival week
// shaped like the 2025 and 2026 notices: eve to the Friday after (2-05…2-12, with the weekend after
// that a 10-day break) and two make-up workdays, the Sunday before and the Saturday after. Once the official
// notice is in hand, override `holidays` and `makeupWorkdays` via COUNTRY_OVERRIDES_FILE (an override replaces the
// whole list, so it carries 2026 too) and then correct this file.
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2026 = [
  '2026-01-01', '2026-01-02', '2026-01-03',
  '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19',
  '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
  '2026-04-04', '2026-04-05', '2026-04-06',
  '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
  '2026-06-19', '2026-06-20', '2026-06-21',
  '2026-09-25', '2026-09-26', '2026-09-27',
  '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
];

const MAKEUP_WORKDAYS_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

const MAKEUP_WORKDAYS_2027_PROVISIONAL = ['2027-01-31', '2027-02-20'];

// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2027_PROVISIONAL = [
  '2027-01-01',
  '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12',
  '2027-04-05',
  '2027-05-01', '2027-05-02',
  '2027-06-09',
  '2027-09-15',
  '2027-10-01', '2027-10-02', '2027-10-03',
];

export const cnCalendar: WorkingCalendar = {
  workingHours: { start: '09:00', end: '18:00' },
  weekend: [0, 6],
  holidays: [...HOLIDAYS_2026, ...HOLIDAYS_2027_PROVISIONAL],
  makeupWorkdays: [...MAKEUP_WORKDAYS_2026, ...MAKEUP_WORKDAYS_2027_PROVISIONAL],
};
