/** What a point resolved to: the area holding it and that area's country (null outside every area). */
export interface AreaResolutionOfPoint {
  areaId?: string | null;
  country?: string | null;
}

export interface AreaCountryConflict {
  detail: string;
  /** The coordinates fields of the request (`/body/lat`, `/body/lng`). */
  problems: { field: string; message: string }[];
}

/**
 * A record of `recordCountry` whose point lies in an area of another country (a Singapore lead placed in São
 * Paulo): the point or the country is wrong, and storing it would file it under the other country's area.
 * Undefined when the point is in no area, or in one of the record's own country.
 */
export function areaCountryConflict(
  resolution: AreaResolutionOfPoint | null | undefined,
  recordCountry: string,
): AreaCountryConflict | undefined {
  if (!resolution?.areaId || !resolution.country || resolution.country === recordCountry) return undefined;
  const message = `lies in ${resolution.country}, but the record is in ${recordCountry}`;
  return {
    detail: `The point lies in an area of ${resolution.country}, but the record is in ${recordCountry}: check the coordinates (or the country).`,
    problems: [
      { field: '/body/lat', message },
      { field: '/body/lng', message },
    ],
  };
}
