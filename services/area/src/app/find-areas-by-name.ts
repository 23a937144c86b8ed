import type { PathStep } from '../domain/area-index';
import { areaNameScore, MIN_NAME_SCORE } from '../domain/area-names';
import type { LatLng } from '../domain/geometry';
import { interiorPoint } from '../domain/interior-point';
import type { AreaIndexHolder } from './area-index-holder';

export interface AreaNameMatch {
  id: string;
  name: string;
  kind: string;
  country: string;
  /** WGS-84: a point inside the area. */
  inside: LatLng;
  path: PathStep[];
  score: number;
}

const DEPTH = { country: 0, city: 1, district: 2, grid: 3 } as const;

/**
 * Areas of `country` whose name matches `text`, best first (then the more specific, then by name). Territories are
 * reference data for locating things, like point resolution: any caller may look a name up.
 */
export async function findAreasByName(holder: AreaIndexHolder, text: string, country: string, limit: number): Promise<AreaNameMatch[]> {
  const index = await holder.current();
  return index
    .all()
    .filter((area) => area.country === country)
    .map((area) => ({ area, score: areaNameScore(text, area.name) }))
    .filter(({ score }) => score >= MIN_NAME_SCORE)
    .sort((a, b) => b.score - a.score || DEPTH[b.area.kind] - DEPTH[a.area.kind] || a.area.name.localeCompare(b.area.name))
    .slice(0, limit)
    .map(({ area, score }) => {
      const [lng, lat] = interiorPoint(area.geometry);
      const path = index.resolve({ lat, lng })?.path ?? [];
      const upTo = path.findIndex((step) => step.id === area.id);
      return {
        id: area.id,
        name: area.name,
        kind: area.kind,
        country: area.country,
        inside: { lat, lng },
        path: upTo >= 0 ? path.slice(0, upTo + 1) : [{ id: area.id, name: area.name, kind: area.kind }],
        score: Math.round(score * 100) / 100,
      };
    });
}
