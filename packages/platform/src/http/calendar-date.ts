import { Type } from 'typebox';

/**
 * A day on the calendar, `YYYY-MM-DD`, that exists (no month 13, no 30 February): the one schema every route
 * takes a date with, so reading and writing the same day refuse the same impossible dates with 400.
 */
export const CalendarDate = Type.String({ format: 'date', description: "YYYY-MM-DD in the country's timezone" });
