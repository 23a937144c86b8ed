import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh DATA_DIR per test, removed afterwards by `removeTempDirs`. */
const made: string[] = [];

export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-cli-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
