import type { EventData } from '@fieldops/contracts';
import type { LatLngBox } from '@fieldops/geo';

/** An area drawn, redrawn or removed: the records inside these boxes may be in another area now. */
export interface AreaChange {
  areaId: string;
  version: number;
  boxes: LatLngBox[];
}

/** The area events that can move records. */
export type AreaChangeType = 'area.area.created.v1' | 'area.area.geometry-changed.v1' | 'area.area.deleted.v1';

const asBox = ([minLng = 0, minLat = 0, maxLng = 0, maxLat = 0]: number[]): LatLngBox => ({ minLat, minLng, maxLat, maxLng });

const AREA_CHANGES: { [T in AreaChangeType]: (data: EventData<T>) => AreaChange } = {
  'area.area.created.v1': (area) => ({ areaId: area.id, version: area.version, boxes: [asBox(area.bbox)] }),
  'area.area.geometry-changed.v1': (changed) => ({
    areaId: changed.areaId,
    version: changed.version,
    boxes: [asBox(changed.previousBbox), asBox(changed.bbox)],
  }),
  'area.area.deleted.v1': (area) => ({ areaId: area.id, version: area.version, boxes: [asBox(area.bbox)] }),
};

/**
 * The handlers of an owner's area-change consumer, one per area event that can move records: each reads the change
 * and calls `apply` with the consumer's own arguments (for a two-step handler: the context, before the transaction).
 */
export function areaChangeHandlers<Rest extends unknown[], Answer>(
  apply: (change: AreaChange, ...rest: Rest) => Answer,
): { [T in AreaChangeType]: (event: { data: EventData<T> }, ...rest: Rest) => Answer } {
  return {
    'area.area.created.v1': (event, ...rest) => apply(AREA_CHANGES['area.area.created.v1'](event.data), ...rest),
    'area.area.geometry-changed.v1': (event, ...rest) => apply(AREA_CHANGES['area.area.geometry-changed.v1'](event.data), ...rest),
    'area.area.deleted.v1': (event, ...rest) => apply(AREA_CHANGES['area.area.deleted.v1'](event.data), ...rest),
  };
}
