/**
 * One Mapbox Vector Tile (protobuf) with a single layer holding one polygon over the whole tile: enough for a
 * MapLibre style to draw that layer, so a browser test can see a self-hosted basemap arrive through PMTiles.
 */
const EXTENT = 4096;

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

const zigzag = (n: number) => (n << 1) ^ (n >> 31);
const key = (field: number, wire: 0 | 2) => varint((field << 3) | wire);
const bytesField = (field: number, bytes: number[]) => [...key(field, 2), ...varint(bytes.length), ...bytes];
const uintField = (field: number, value: number) => [...key(field, 0), ...varint(value)];

export function fullTilePolygonMvt(layerName: string): Uint8Array {
  // MoveTo(0,0), LineTo ×3 around the tile (clockwise on screen: an exterior ring), ClosePath.
  const geometry = [
    (1 & 7) | (1 << 3),
    zigzag(0),
    zigzag(0),
    (2 & 7) | (3 << 3),
    zigzag(EXTENT),
    zigzag(0),
    zigzag(0),
    zigzag(EXTENT),
    zigzag(-EXTENT),
    zigzag(0),
    (7 & 7) | (1 << 3),
  ].flatMap(varint);
  const feature = [...uintField(1, 1), ...uintField(3, 3), ...bytesField(4, geometry)];
  const layer = [
    ...uintField(15, 2),
    ...bytesField(1, [...new TextEncoder().encode(layerName)]),
    ...bytesField(2, feature),
    ...uintField(5, EXTENT),
  ];
  return Uint8Array.from(bytesField(3, layer));
}
