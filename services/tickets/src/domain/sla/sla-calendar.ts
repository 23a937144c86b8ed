import type { WorkingCalendar } from '@fieldops/countries';

/** A working calendar with the zone its dates and hours are in; a `CountryPolicy` is one. */
export type SlaCalendar = WorkingCalendar & { readonly timezone: string };
