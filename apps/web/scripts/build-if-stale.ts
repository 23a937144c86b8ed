import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const WEB = path.resolve(import.meta.dirname, '..');
const SOURCES = ['ui', 'public', 'field', 'index.html', 'vite.config.ts', 'package.json'];
const BUILT = path.join(WEB, 'dist', 'index.html');

function newestChange(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/** True when `dist/` is missing or older than any source file of the web app. */
export function webAppIsStale(): boolean {
  const built = fs.statSync(BUILT, { throwIfNoEntry: false });
  if (!built) return true;
  return Math.max(...SOURCES.map((source) => newestChange(path.join(WEB, source)))) > built.mtimeMs;
}

const LOCK = path.join(WEB, '.build-lock');
const STALE_LOCK_MS = 5 * 60_000;

/** Runs `build` holding a lock directory, so test files starting together do not build into one `dist/` at once. */
function whileLocked(build: () => void): void {
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    build();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds the web app with Vite unless `dist/` is up to date, so `npm start` and the browser tests serve the current code. */
export function buildWebAppIfStale(log: (line: string) => void = console.log): void {
  if (!webAppIsStale()) return;
  whileLocked(() => {
    // Another process may have built it while this one waited.
    if (!webAppIsStale()) return;
    log('building the web app (apps/web/dist is missing or older than its sources)…');
    execFileSync(process.execPath, [path.join(WEB, '../../node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: WEB,
      stdio: 'inherit',
      // A production build even when called from the test runner (NODE_ENV=test would give React's development build).
      env: { ...process.env, NODE_ENV: 'production' },
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) buildWebAppIfStale();
