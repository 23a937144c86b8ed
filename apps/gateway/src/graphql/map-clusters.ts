export interface MapRecordView {
  kind: 'merchant' | 'lead' | 'place';
  id: string;
  title: string;
  lat: number;
  lng: number;
  status: string | null;
}

export interface MapClusterView {
  kind: string;
  lat: number;
  lng: number;
  count: number;
}

/** Beyond this many records in view, the map gets clusters instead of dots. */
export const CLUSTER_ABOVE = 300;

/**
 * Grid clustering: records fall into square cells about 60 screen pixels wide at the zoom asked for (one cell per
 * kind), and each cell answers its count at the mean of its records' positions.
 */
export function clusterRecords(records: MapRecordView[], zoom: number): MapClusterView[] {
  const cellDegrees = (360 / 2 ** Math.max(0, Math.min(22, zoom)) / 256) * 60;
  const cells = new Map<string, { kind: string; lat: number; lng: number; count: number }>();
  for (const record of records) {
    const key = `${record.kind}:${Math.floor(record.lng / cellDegrees)}:${Math.floor(record.lat / cellDegrees)}`;
    const cell = cells.get(key) ?? { kind: record.kind, lat: 0, lng: 0, count: 0 };
    cell.lat += record.lat;
    cell.lng += record.lng;
    cell.count += 1;
    cells.set(key, cell);
  }
  return [...cells.values()].map((cell) => ({
    kind: cell.kind,
    lat: cell.lat / cell.count,
    lng: cell.lng / cell.count,
    count: cell.count,
  }));
}
