import type { WorkingCalendar } from '../country-policy';

// Días de descanso obligatorio (Ley Federal del Trabajo, art. 74): 1 January, the first Monday of February, the third
// Monday of March, 1 May, 16 September, the third Monday of November, 25 December (and 1 October every six years,
// next in 2030). Holy Thursday and Friday are customary, not obligatory, and are left to the overrides file.
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2026 = ['2026-01-01', '2026-02-02', '2026-03-16', '2026-05-01', '2026-09-16', '2026-11-16', '2026-12-25'];
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2027 = ['2027-01-01', '2027-02-01', '2027-03-15', '2027-05-01', '2027-09-16', '2027-11-15', '2027-12-25'];

export const mxCalendar: WorkingCalendar = {
  workingHours: { start: '09:00', end: '18:00' },
  weekend: [0, 6],
  holidays: [...HOLIDAYS_2026, ...HOLIDAYS_2027],
  makeupWorkdays: [],
};
