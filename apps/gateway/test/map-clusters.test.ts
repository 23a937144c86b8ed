import { describe, expect, it } from 'vitest';
import { clusterRecords, type MapRecordView } from '../src/graphql/map-clusters';

const record = (kind: MapRecordView['kind'], lat: number, lng: number, id = `${kind}-${lat}-${lng}`): MapRecordView => ({
  kind,
  id,
  title: id,
  lat,
  lng,
  status: null,
});

describe('server-side map clusters', () => {
  it('records close together at a far zoom fall into one cluster per kind, counted and centred on their mean', () => {
    const records = [record('merchant', 1.3, 103.8), record('merchant', 1.3002, 103.8002), record('lead', 1.3001, 103.8001)];
    const clusters = clusterRecords(records, 10);
    expect(clusters).toHaveLength(2);
    const merchants = clusters.find((cluster) => cluster.kind === 'merchant');
    expect(merchants?.count).toBe(2);
    expect(merchants?.lat).toBeCloseTo(1.3001, 6);
    expect(clusters.find((cluster) => cluster.kind === 'lead')?.count).toBe(1);
  });

  it('zooming in splits a cluster: the cells shrink with the zoom', () => {
    const records = [record('place', 1.3, 103.8), record('place', 1.3, 103.81)];
    expect(clusterRecords(records, 8)).toHaveLength(1);
    expect(clusterRecords(records, 16)).toHaveLength(2);
    const total = clusterRecords(records, 16).reduce((sum, cluster) => sum + cluster.count, 0);
    expect(total).toBe(2);
  });
});
