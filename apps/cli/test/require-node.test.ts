import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CHECK = path.resolve(import.meta.dirname, '../src/require-node.cjs');

/** Loads the check in a fresh Node that reports `version` as its own, as `npm start` and the CLI entry do. */
function runCheckAs(version: string) {
  const fake = `Object.defineProperty(process.versions, 'node', { value: ${JSON.stringify(version)} }); require(${JSON.stringify(CHECK)});`;
  return spawnSync(process.execPath, ['-e', fake], { encoding: 'utf8' });
}

describe('the Node version check that runs before anything native loads', () => {
  it('refuses Node 20 in one line naming the version and how to get Node 24, with exit code 1', () => {
    const run = runCheckAs('20.19.5');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('this is Node.js 20.19.5');
    expect(lines[0]).toContain('Install Node.js 24 LTS');
  });

  it('refuses a Node 22 older than the one the dependencies need, and passes newer ones silently', () => {
    expect(runCheckAs('22.11.0').status).toBe(1);
    for (const version of ['22.22.0', '24.1.0', '26.0.0']) {
      const run = runCheckAs(version);
      expect({ version, status: run.status, stderr: run.stderr }).toEqual({ version, status: 0, stderr: '' });
    }
  });

  it('is what npm start and npm run fieldops run first, and the first import of the CLI', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(scripts.prestart).toMatch(/^node apps\/cli\/src\/require-node\.cjs && /);
    expect(scripts.fieldops).toMatch(/^node apps\/cli\/src\/require-node\.cjs && /);
    const main = fs.readFileSync(path.join(root, 'apps/cli/src/main.ts'), 'utf8');
    expect(main.split('\n').find((line) => line.startsWith('import '))).toBe("import './require-node.cjs';");
    expect(fs.readFileSync(path.join(root, '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
  });
});
