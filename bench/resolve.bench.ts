import { randomUUID } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { accountService, DEMO_PASSWORD } from '@fieldops/account';
import { areaService } from '@fieldops/area';
// Below the service's API: the spatial index and what ResolveArea runs on it, the row a new area is stored as, and
// the counter that tells the service's index to reload.
import {
  type AreaGeometry,
  AreaIndex,
  type AreaKind,
  type AreaRow,
  geometryContains,
  INDEX_VERSION,
  type IndexedArea,
  indexedArea,
  newAreaRow,
  type Position,
  stateRepository,
  validateGeometry,
} from '@fieldops/area/benchmark';
import { resolveAreas } from '@fieldops/area-client';
import type { LatLng } from '@fieldops/geo';
import { asCaller } from '@fieldops/platform';
import { embeddedSetup, login, startBenchHost } from './bench-host';
import type { LoadResult } from './http-load';
import { CallTarget, seededRandom } from './sampling';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

/** Grid cells per side: GRID² polygons. */
const GRID = 100;
const CELL_M = 300;
/** Segments per cell edge: each cell has 4 × SEGMENTS vertices. */
const SEGMENTS = 7;
/** How far inner lattice corners move, and how far edges bend (tapered to nothing at the corners), in cells. */
const JITTER = 0.15;
const WOBBLE = 0.05;
/** The city reaches this many cells past the grid on each side, the country farther. */
const CITY_MARGIN = 1;
const COUNTRY_MARGIN = 3;
const CENTRE: LatLng = { lat: 1.3521, lng: 103.8198 };
const COUNTRY = 'SG';
const USER = 'rep1.sg@fieldops.test';
const POINTS = 200_000;
/** Points per call, ResolveArea's maximum. */
const BATCH = 1000;
const WARMUP_BATCHES = 20;
const BUILDS = 5;
const BRUTE_FORCE_POINTS = 1000;
const COMPARED_BATCHES = 20;
const SEED = 20_260_302;
const INSERT_CHUNK = 500;
const METRES_PER_DEGREE = 111_320;
const MB = 1024 * 1024;

type AreaDatabase = Parameters<typeof stateRepository.increment>[0];

export interface ResolveSetup {
  kind: 'setup';
  /** Grid cells, and all areas with their city and country. */
  polygons: number;
  areas: number;
  verticesPerPolygon: number;
  points: number;
  batch: number;
  /** Heap taken by the generated polygons themselves (GeoJSON arrays). */
  polygonsHeapMb: number;
  /** Writing the rows into the area service's SQLite, one transaction. */
  insertSeconds: number;
  /** Points whose area the index answered differently from testing every polygon. */
  bruteForceMismatches: number;
  bruteForcePoints: number;
  /** Points the RPC answered differently from the in-process index. */
  rpcMismatches: number;
  rpcComparedPoints: number;
  /** Of the measured points, those in no grid cell (they resolve to the city). */
  outsideGridShare: number;
}

export interface ResolveMeasured extends LoadResult {
  kind: 'resolve';
  method: string;
  /** Building the index: from the polygons in memory, or the service loading it from its database. */
  indexBuildMs: number;
  /** heapUsed after − before building (after a full GC each time); flatbush's tree is an ArrayBuffer outside it. */
  heapUsedDeltaMb: number;
  arrayBuffersDeltaMb: number;
  points: number;
  pointsPerSecond: number;
}

export type ResolveResult = ResolveSetup | ResolveMeasured;

interface GeneratedArea {
  id: string;
  parent: GeneratedArea | null;
  kind: AreaKind;
  name: string;
  code: string;
  geometry: AreaGeometry;
}

interface Resolved {
  areaId?: string;
}

function item<T>(items: readonly T[], index: number): T {
  const value = items[index];
  if (value === undefined) throw new Error(`nothing at ${index} of ${items.length}`);
  return value;
}

/** A full garbage collection, so that heap figures measure what is held, not what awaits collection. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  return () => {
    if (typeof gc === 'function') gc();
  };
}

function memory(gc: () => void): { heapUsed: number; arrayBuffers: number } {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heapUsed, arrayBuffers };
}

/** The grid's frame in degrees: west/south edge and a cell's width/height. */
function frame() {
  const dLat = CELL_M / METRES_PER_DEGREE;
  const dLng = CELL_M / (METRES_PER_DEGREE * Math.cos((CENTRE.lat * Math.PI) / 180));
  return { west: CENTRE.lng - (GRID / 2) * dLng, south: CENTRE.lat - (GRID / 2) * dLat, dLng, dLat };
}

function rectangle(west: number, south: number, east: number, north: number): AreaGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

/**
 * GRID × GRID cells that tile a square around CENTRE without gaps or overlaps, like hand-drawn grids: a lattice
 * whose inner corners are moved at random, joined by bent edges that neighbouring cells share point for point.
 * Under one city and one country, both rectangles a little larger than the grid.
 */
function generateAreas(random: () => number): GeneratedArea[] {
  const { west, south, dLng, dLat } = frame();
  const shift = () => (random() * 2 - 1) * JITTER;
  const corners: Position[][] = [];
  for (let i = 0; i <= GRID; i++) {
    const column: Position[] = [];
    for (let j = 0; j <= GRID; j++) {
      const inner = i > 0 && i < GRID && j > 0 && j < GRID;
      column.push([west + (i + (inner ? shift() : 0)) * dLng, south + (j + (inner ? shift() : 0)) * dLat]);
    }
    corners.push(column);
  }
  const corner = (i: number, j: number) => item(item(corners, i), j);
  // The points between two corners, bent across the edge; straight on the grid's outline.
  const edge = (from: Position, to: Position, across: 'lat' | 'lng', outline: boolean): Position[] =>
    Array.from({ length: SEGMENTS - 1 }, (_, k) => {
      const t = (k + 1) / SEGMENTS;
      const bend = outline ? 0 : (random() * 2 - 1) * WOBBLE * Math.sin(Math.PI * t);
      const lng = from[0] + t * (to[0] - from[0]) + (across === 'lng' ? bend * dLng : 0);
      const lat = from[1] + t * (to[1] - from[1]) + (across === 'lat' ? bend * dLat : 0);
      return [lng, lat];
    });
  // Eastward edges from corner (i, j), and northward ones.
  const east: Position[][][] = [];
  const north: Position[][][] = [];
  for (let i = 0; i <= GRID; i++) {
    const eastward: Position[][] = [];
    const northward: Position[][] = [];
    for (let j = 0; j <= GRID; j++) {
      if (i < GRID) eastward.push(edge(corner(i, j), corner(i + 1, j), 'lat', j === 0 || j === GRID));
      if (j < GRID) northward.push(edge(corner(i, j), corner(i, j + 1), 'lng', i === 0 || i === GRID));
    }
    east.push(eastward);
    north.push(northward);
  }
  const eastOf = (i: number, j: number) => item(item(east, i), j);
  const northOf = (i: number, j: number) => item(item(north, i), j);

  const country: GeneratedArea = {
    id: randomUUID(),
    parent: null,
    kind: 'country',
    name: 'Bench country',
    code: 'bench-country',
    geometry: rectangle(
      west - COUNTRY_MARGIN * dLng,
      south - COUNTRY_MARGIN * dLat,
      west + (GRID + COUNTRY_MARGIN) * dLng,
      south + (GRID + COUNTRY_MARGIN) * dLat,
    ),
  };
  const city: GeneratedArea = {
    id: randomUUID(),
    parent: country,
    kind: 'city',
    name: 'Bench city',
    code: 'bench-city',
    geometry: rectangle(
      west - CITY_MARGIN * dLng,
      south - CITY_MARGIN * dLat,
      west + (GRID + CITY_MARGIN) * dLng,
      south + (GRID + CITY_MARGIN) * dLat,
    ),
  };
  const areas = [country, city];
  for (let i = 0; i < GRID; i++) {
    for (let j = 0; j < GRID; j++) {
      // Counter-clockwise: along the south edge, up the east, back along the north, down the west.
      const ring: Position[] = [
        corner(i, j),
        ...eastOf(i, j),
        corner(i + 1, j),
        ...northOf(i + 1, j),
        corner(i + 1, j + 1),
        ...[...eastOf(i, j + 1)].reverse(),
        corner(i, j + 1),
        ...[...northOf(i, j)].reverse(),
        corner(i, j),
      ];
      areas.push({
        id: randomUUID(),
        parent: city,
        kind: 'grid',
        name: `Grid ${i}-${j}`,
        code: `grid-${i}-${j}`,
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
    }
  }
  return areas;
}

/** The stored rows, as the service writes a new area (path, bbox columns, serialised geometry). */
function areaRows(areas: GeneratedArea[]): AreaRow[] {
  const rows = new Map<string, AreaRow>();
  const at = Date.now();
  for (const area of areas) {
    const parent = area.parent ? (rows.get(area.parent.id) ?? null) : null;
    const input = { name: area.name, code: area.code, kind: area.kind, geometry: area.geometry };
    rows.set(area.id, newAreaRow(area.id, input, parent, COUNTRY, at));
  }
  return [...rows.values()];
}

function pathIdsOf(area: GeneratedArea): string[] {
  return area.parent ? [...pathIdsOf(area.parent), area.id] : [area.id];
}

function buildIndex(areas: GeneratedArea[]): AreaIndex {
  return new AreaIndex(
    areas.map((area) =>
      indexedArea({
        id: area.id,
        parentId: area.parent?.id ?? null,
        name: area.name,
        kind: area.kind,
        country: COUNTRY,
        priority: 0,
        pathIds: pathIdsOf(area),
        version: 1,
        geometry: area.geometry,
      }),
    ),
  );
}

/** What the ResolveArea handler answers for a batch, from an index already current. */
function resolveBatch(index: AreaIndex, points: readonly LatLng[]) {
  return points.map((point) => {
    const found = index.resolve(point);
    return found ? { areaId: found.areaId, path: found.path } : { path: [] };
  });
}

/** The deepest area whose polygon holds the point, testing every polygon (the grid cells do not overlap). */
function bruteForce(areas: readonly IndexedArea[], point: LatLng): string | undefined {
  let best: IndexedArea | undefined;
  for (const area of areas) {
    if (!geometryContains(area.geometry, [point.lng, point.lat])) continue;
    if (!best || area.pathIds.length > best.pathIds.length) best = area;
  }
  return best?.id;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return item(sorted, Math.floor(sorted.length / 2));
}

/**
 * ResolveArea over 10,000 polygons, in-process: the index built from the generated polygons and resolved the way
 * the RPC handler does; then the area service itself, its rows in SQLite, called over the in-process RPC transport.
 */
export async function runResolveSuite(progress: Progress): Promise<SuiteOutcome<ResolveResult>> {
  const gc = collector();
  const random = seededRandom(SEED);
  progress(`generating ${num(GRID * GRID)} grid polygons (${4 * SEGMENTS} vertices each) under a city and a country`);
  const beforePolygons = memory(gc);
  const areas = generateAreas(random);
  const polygonsHeapMb = (memory(gc).heapUsed - beforePolygons.heapUsed) / MB;
  const invalid = areas.filter((area) => !validateGeometry(area.geometry).ok);
  if (invalid.length > 0) throw new Error(`${invalid.length} generated polygons are invalid, e.g. ${invalid[0]?.name}`);

  const { west, south, dLng, dLat } = frame();
  const span = GRID + 2 * CITY_MARGIN;
  const points: LatLng[] = Array.from({ length: POINTS }, () => ({
    lat: south + (random() * span - CITY_MARGIN) * dLat,
    lng: west + (random() * span - CITY_MARGIN) * dLng,
  }));
  const batches = Array.from({ length: POINTS / BATCH }, (_, b) => points.slice(b * BATCH, (b + 1) * BATCH));
  const warmUp = batches.slice(0, WARMUP_BATCHES);

  progress(`building the index from the polygons, ${BUILDS} times`);
  const buildTimes: number[] = [];
  for (let b = 0; b < BUILDS; b++) {
    const started = performance.now();
    buildIndex(areas);
    buildTimes.push(performance.now() - started);
  }
  const beforeIndex = memory(gc);
  const index = buildIndex(areas);
  const afterIndex = memory(gc);

  progress(`checking ${num(BRUTE_FORCE_POINTS)} points against every polygon`);
  const indexed = index.all();
  let bruteForceMismatches = 0;
  for (const point of points.slice(0, BRUTE_FORCE_POINTS)) {
    if (bruteForce(indexed, point) !== index.resolve(point)?.areaId) bruteForceMismatches++;
  }
  const cityId = item(areas, 1).id;
  const outsideGrid = points.filter((point) => index.resolve(point)?.areaId === cityId).length;

  progress(`in-process: ${num(POINTS)} points in batches of ${num(BATCH)}`);
  const inProcess = new CallTarget(async (batch: readonly LatLng[]) => resolveBatch(index, batch), 1);
  await inProcess.warmUp(warmUp);
  await inProcess.measure(batches);

  progress('starting account + area in one host (SQLite in a temporary DATA_DIR), seeding the demo accounts');
  const bench = await startBenchHost({ setup: embeddedSetup(), services: [accountService, areaService] });
  try {
    await bench.host.service('account')?.seedDemo({ start() {}, tick() {}, stop() {} });
    const area = bench.host.service('area');
    if (!area) throw new Error('the host runs no area service');
    const db = area.db as unknown as AreaDatabase;
    const rows = areaRows(areas);
    progress(`writing ${num(rows.length)} area rows into the area service's SQLite`);
    const insertStarted = performance.now();
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK)
        await trx
          .insertInto('area')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
      await stateRepository.increment(trx, 'sqlite', INDEX_VERSION);
    });
    const insertSeconds = (performance.now() - insertStarted) / 1000;
    const token = await login(bench.url, USER, DEMO_PASSWORD);
    const call = asCaller(token);
    const resolveRpc = async (batch: readonly LatLng[]) => (await resolveAreas(bench.host.runtime, [...batch], async () => call)) ?? [];

    progress('first ResolveArea call: the service loads its index from the database');
    const beforeLoad = memory(gc);
    const loadStarted = performance.now();
    const first = await resolveRpc(points.slice(0, 1));
    const loadMs = performance.now() - loadStarted;
    const afterLoad = memory(gc);
    if (first.length !== 1) throw new Error(`ResolveArea answered ${first.length} results for 1 point`);

    progress(`comparing the RPC's answers with the in-process index at ${num(COMPARED_BATCHES * BATCH)} points`);
    let rpcMismatches = 0;
    for (const batch of batches.slice(0, COMPARED_BATCHES)) {
      const expected = resolveBatch(index, batch);
      const answered: Resolved[] = await resolveRpc(batch);
      for (const [i, result] of expected.entries())
        if (answered[i]?.areaId !== ('areaId' in result ? result.areaId : undefined)) rpcMismatches++;
    }

    progress(`ResolveArea RPC in-process: ${num(POINTS)} points in batches of ${num(BATCH)}`);
    const rpc = new CallTarget(resolveRpc, 1);
    await rpc.warmUp(warmUp);
    await rpc.measure(batches);

    const measured = (
      method: string,
      target: CallTarget<readonly LatLng[]>,
      buildMs: number,
      before: typeof beforeIndex,
      after: typeof afterIndex,
    ): ResolveMeasured => {
      const result = target.result();
      return {
        kind: 'resolve',
        method,
        indexBuildMs: buildMs,
        heapUsedDeltaMb: (after.heapUsed - before.heapUsed) / MB,
        arrayBuffersDeltaMb: (after.arrayBuffers - before.arrayBuffers) / MB,
        ...result,
        points: result.requests * BATCH,
        pointsPerSecond: result.requestsPerSecond * BATCH,
      };
    };
    const results: ResolveMeasured[] = [
      measured('AreaIndex.resolve in-process (index built from the polygons)', inProcess, median(buildTimes), beforeIndex, afterIndex),
      measured('ResolveArea RPC in-process (index loaded from SQLite)', rpc, loadMs, beforeLoad, afterLoad),
    ];
    const setup: ResolveSetup = {
      kind: 'setup',
      polygons: GRID * GRID,
      areas: areas.length,
      verticesPerPolygon: 4 * SEGMENTS,
      points: POINTS,
      batch: BATCH,
      polygonsHeapMb,
      insertSeconds,
      bruteForceMismatches,
      bruteForcePoints: BRUTE_FORCE_POINTS,
      rpcMismatches,
      rpcComparedPoints: COMPARED_BATCHES * BATCH,
      outsideGridShare: outsideGrid / POINTS,
    };
    return { results: [setup, ...results], table: resolveTable(setup, results) };
  } finally {
    await bench.stop();
  }
}

function resolveTable(setup: ResolveSetup, results: ResolveMeasured[]): string {
  const columns = [
    { header: `ResolveArea, ${num(setup.areas)} areas` },
    { header: 'index ms', align: 'right' },
    { header: 'heapUsed Δ MB', align: 'right' },
    { header: 'points', align: 'right' },
    { header: 'errors', align: 'right' },
    { header: 'points/s', align: 'right' },
    { header: `batch p50 ms`, align: 'right' },
    { header: 'batch p99 ms', align: 'right' },
    { header: 'µs/point', align: 'right' },
  ] as const;
  const rows = results.map((r) => [
    r.method,
    num(r.indexBuildMs, 1),
    num(r.heapUsedDeltaMb, 1),
    num(r.points),
    num(r.errors),
    num(r.pointsPerSecond),
    num(r.latencyMs.p50, 2),
    num(r.latencyMs.p99, 2),
    num(1e6 / r.pointsPerSecond, 2),
  ]);
  const errors = results.filter((r) => r.errors > 0).map((r) => `${r.method}: ${r.errors} failed batches, first: ${r.firstError}`);
  const buffers = results.map((r) => `${num(r.arrayBuffersDeltaMb, 1)} MB`).join(' and ');
  return [
    formatTable(columns, rows),
    `polygons: ${num(setup.polygons)} grid cells of ${setup.verticesPerPolygon} vertices (a ${GRID}×${GRID} lattice of ${CELL_M} m cells around Singapore, corners moved and edges bent, shared point for point: no gaps, no overlaps, all valid by the service's validateGeometry) under a city and a country; ${num(setup.polygonsHeapMb, 1)} MB of heap as GeoJSON arrays`,
    `points: ${num(setup.points)} evenly over the city in batches of ${num(setup.batch)} (ResolveArea's maximum), ${num(setup.outsideGridShare * 100, 1)} % outside the grid (answer: the city); one call at a time, each row after ${WARMUP_BATCHES} warm-up batches`,
    `index ms: in-process = indexedArea (bbox, area) + flatbush over the polygons in memory, median of ${BUILDS}; RPC = the service's first call after the change, reading ${num(setup.areas)} rows from SQLite, parsing and indexing them; heapUsed Δ after a full GC (flatbush's ArrayBuffer outside the heap: ${buffers})`,
    `the rows were written straight into the area table (the service's newAreaRow, one transaction, ${num(setup.insertSeconds, 2)} s), not through POST /api/v1/areas (validation, event and coverage sync per area: ${num(setup.polygons)} requests)`,
    `checks: ${setup.bruteForceMismatches} of ${num(setup.bruteForcePoints)} points resolved otherwise than by testing every polygon; ${setup.rpcMismatches} of ${num(setup.rpcComparedPoints)} answered otherwise by the RPC than in-process`,
    ...errors,
  ].join('\n');
}
