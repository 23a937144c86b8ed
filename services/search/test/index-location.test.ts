import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexLocation } from '../src/db/create-search-index';

describe('the SQLite index location on a first start', () => {
  it('lets one of two replicas starting together publish its generation, and answers that one to both', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-search-location-'));
    try {
      const blue = indexLocation(`sqlite:${dir}`);
      const green = indexLocation(`sqlite:${dir}`);
      expect(await blue.currentGeneration()).toBeNull();
      const [fromBlue, fromGreen] = await Promise.all([blue.publishFirst('blue1'), green.publishFirst('green1')]);
      expect(fromBlue).toBe(fromGreen);
      expect(['blue1', 'green1']).toContain(fromBlue);
      expect(await green.currentGeneration()).toBe(fromBlue);
      // A later first start (a third replica) joins the same index too; a rebuild still replaces it.
      expect(await indexLocation(`sqlite:${dir}`).publishFirst('late1')).toBe(fromBlue);
      await blue.publish('rebuilt1');
      expect(await green.currentGeneration()).toBe('rebuilt1');
      expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
