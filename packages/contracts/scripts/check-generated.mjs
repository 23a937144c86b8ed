#!/usr/bin/env node
// Fails (exit 1) when the committed generated code differs from a fresh `buf generate`.
//
// Regenerates with the package's own buf.gen.yaml into a temporary base directory
// (`buf generate --output <tmp>` prepends <tmp> to every plugin `out`, so `out: src/gen`
// lands in <tmp>/src/gen), then compares each `out` directory file by file with the
// committed one. Does not use git, so it works the same in a fresh CI clone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const template = join(pkgDir, 'buf.gen.yaml');

/** Finds node_modules/.bin/<name> in the package dir or an ancestor (npm workspaces hoist to the root). */
function findBin(name) {
  for (let dir = pkgDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '.bin', name);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The plugin `out` directories declared in buf.gen.yaml (simple line scan; no YAML dependency). */
function outDirs() {
  const dirs = [];
  for (const line of readFileSync(template, 'utf8').split(/\r?\n/)) {
    const m = /^\s*(?:-\s+)?out:\s*["']?([^"'#\s]+)["']?\s*(?:#.*)?$/.exec(line);
    if (m?.[1]) dirs.push(m[1]);
  }
  if (dirs.length === 0) throw new Error(`no plugin "out" found in ${template}`);
  return [...new Set(dirs)];
}

/** Relative paths (with "/" separators) of all files under dir; empty when dir is missing. */
function listFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

const buf = findBin('buf');
if (!buf) {
  console.error('gen:check: node_modules/.bin/buf not found; run `npm install` at the repo root.');
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), 'fieldops-contracts-gen-'));
let exitCode = 0;
try {
  const result = spawnSync(buf, ['generate', '--template', template, '--output', tmp], {
    cwd: pkgDir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.error || result.status !== 0) {
    console.error(`gen:check: buf generate failed (${result.error?.message ?? `exit ${result.status}`}).`);
    exitCode = 2;
  } else {
    exitCode = compare();
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);

/** Compares every `out` directory of the template; returns the exit code. */
function compare() {
  const problems = [];
  for (const out of outDirs()) {
    const committedDir = join(pkgDir, out);
    const freshDir = join(tmp, out);
    const committed = new Set(listFiles(committedDir));
    const fresh = new Set(listFiles(freshDir));
    for (const f of fresh) {
      const shown = `${out}/${f}`;
      if (!committed.has(f)) problems.push(`missing   ${shown}`);
      else if (!readFileSync(join(committedDir, f)).equals(readFileSync(join(freshDir, f)))) {
        problems.push(`differs   ${shown}`);
      }
    }
    for (const f of committed) if (!fresh.has(f)) problems.push(`stale     ${out}/${f}`);
  }

  if (problems.length > 0) {
    console.error('gen:check: generated code is out of date with proto/ and buf.gen.yaml:');
    for (const p of problems) console.error(`  ${p}`);
    console.error('Run `npm run gen -w @fieldops/contracts` and commit the result.');
    return 1;
  }
  console.log('gen:check: generated code is up to date.');
  return 0;
}
