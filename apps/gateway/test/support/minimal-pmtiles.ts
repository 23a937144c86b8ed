/**
 * Writes a small but valid PMTiles v3 archive (no compression, one directory) from tiles given by z/x/y, so the
 * range serving is tested with the real PMTiles reader. The pmtiles package only reads archives.
 */
import { zxyToTileId } from 'pmtiles';

const HEADER_BYTES = 127;

function varints(values: number[]): number[] {
  const bytes: number[] = [];
  for (let value of values) {
    while (value >= 0x80) {
      bytes.push((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    bytes.push(value);
  }
  return bytes;
}

export function minimalPmtiles(tiles: { z: number; x: number; y: number; data: Uint8Array }[], metadata: object): Buffer {
  const sorted = tiles.map((tile) => ({ ...tile, id: zxyToTileId(tile.z, tile.x, tile.y) })).sort((a, b) => a.id - b.id);
  let offset = 0;
  const entries = sorted.map((tile) => {
    const entry = { id: tile.id, offset, length: tile.data.length };
    offset += tile.data.length;
    return entry;
  });
  // Directory: count, tile id deltas, run lengths, lengths, offsets (0 = right after the previous tile, else offset + 1).
  const directory = Buffer.from(
    varints([
      entries.length,
      ...entries.map((entry, index) => entry.id - (index > 0 ? (entries[index - 1]?.id ?? 0) : 0)),
      ...entries.map(() => 1),
      ...entries.map((entry) => entry.length),
      ...entries.map((entry, index) => (index > 0 ? 0 : entry.offset + 1)),
    ]),
  );
  const metadataBytes = Buffer.from(JSON.stringify(metadata));
  const tileData = Buffer.concat(sorted.map((tile) => Buffer.from(tile.data)));
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + directory.length;
  const dataOffset = metadataOffset + metadataBytes.length;
  const u64 = (value: number, at: number) => header.writeBigUInt64LE(BigInt(value), at);
  u64(rootOffset, 8);
  u64(directory.length, 16);
  u64(metadataOffset, 24);
  u64(metadataBytes.length, 32);
  u64(dataOffset, 40); // no leaf directories
  u64(0, 48);
  u64(dataOffset, 56);
  u64(tileData.length, 64);
  u64(entries.length, 72);
  u64(entries.length, 80);
  u64(entries.length, 88);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(1, 99); // tile type: MVT
  const zooms = sorted.map((tile) => tile.z);
  header.writeUInt8(Math.min(...zooms), 100);
  header.writeUInt8(Math.max(...zooms), 101);
  header.writeInt32LE(-180e7, 102);
  header.writeInt32LE(-85e7, 106);
  header.writeInt32LE(180e7, 110);
  header.writeInt32LE(85e7, 114);
  header.writeUInt8(0, 118);
  header.writeInt32LE(0, 119);
  header.writeInt32LE(0, 123);
  return Buffer.concat([header, directory, metadataBytes, tileData]);
}
