import type { AreaEventData } from '@fieldops/contracts';
import type { LatLngBox } from '@fieldops/geo';

/** An area drawn, redrawn or removed: the records inside these boxes may be in another area now. */
export interface AreaChange {
  areaId: string;
  version: number;
  boxes: LatLngBox[];
}

const asBox = ([minLng = 0, minLat = 0, maxLng = 0, maxLat = 0]: number[]): LatLngBox => ({ minLat, minLng, maxLat, maxLng });

const AREA_CHANGES: Record<string, (data: unknown) => AreaChange> = {
  'area.area.created.v1': (data) => {
    const area = data as AreaEventData<'area.area.created.v1'>;
    return { areaId: area.id, version: area.version, boxes: [asBox(area.bbox)] };
  },
  'area.area.geometry-changed.v1': (data) => {
    const changed = data as AreaEventData<'area.area.geometry-changed.v1'>;
    return { areaId: changed.areaId, version: changed.version, boxes: [asBox(changed.previousBbox), asBox(changed.bbox)] };
  },
  'area.area.deleted.v1': (data) => {
    const area = data as AreaEventData<'area.area.deleted.v1'>;
    return { areaId: area.id, version: area.version, boxes: [asBox(area.bbox)] };
  },
};

/**
 * The handlers of an owner's area-change consumer, one per area event that can move records: each reads the change
 * and calls `apply` with the consumer's own arguments (for a two-step handler: the context, before the transaction).
 */
export function areaChangeHandlers<Rest extends unknown[], Answer>(
  apply: (change: AreaChange, ...rest: Rest) => Answer,
): Record<string, (event: { data: unknown }, ...rest: Rest) => Answer> {
  return Object.fromEntries(
    Object.entries(AREA_CHANGES).map(([type, changeOf]) => [
      type,
      (event: { data: unknown }, ...rest: Rest) => apply(changeOf(event.data), ...rest),
    ]),
  );
}
