// What the field day reads of the server's processes from /proc (Linux): their memory, and whether they are idle.
import fs from 'node:fs';
import type { Progress } from './suite';

/**
 * Resident memory in MiB, and what it is made of: the processes' own memory (the heap, SQLite's caches, buffers) and
 * the pages of the files they map, which are the databases read through memory mapping: the kernel's file cache,
 * shared, and given back under memory pressure without a write.
 */
export interface ResidentMemory {
  totalMiB: number;
  ownMiB: number;
  mappedFilesMiB: number;
}

/** The resident memory of the processes together. */
export function residentMemory(pids: number[]): ResidentMemory {
  const sum: ResidentMemory = { totalMiB: 0, ownMiB: 0, mappedFilesMiB: 0 };
  for (const pid of pids) {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const mib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
    sum.totalMiB += mib('VmRSS');
    sum.ownMiB += mib('RssAnon');
    sum.mappedFilesMiB += mib('RssFile') + mib('RssShmem');
  }
  return sum;
}

/** CPU time the process has used (user + system), in clock ticks. */
function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After the command name in parentheses: state is the first field, utime the 12th, stime the 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** A second with less than this share of a core busy per process: the server has nothing left to do. */
const IDLE_SHARE = 0.05;
const SETTLE_LIMIT_MS = 180_000;
/** Linux counts a process's CPU time in ticks of 1/100 s (USER_HZ), whatever the kernel's own tick. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Waits until the server's processes are idle together: the events a heavy step left queued (deliveries, facts, index
 * writes) are applied before the next step starts, so that each step is measured under its own load only.
 */
export async function settled(pids: number[], progress: Progress): Promise<void> {
  const busy = () => pids.reduce((sum, pid) => sum + cpuTicks(pid), 0);
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let before = busy();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = busy();
    if ((now - before) / CLOCK_TICKS_PER_SECOND < IDLE_SHARE * pids.length) return;
    if (Date.now() > deadline) {
      progress(`the server is still busy after ${SETTLE_LIMIT_MS / 1000} s; the next step starts anyway`);
      return;
    }
    before = now;
  }
}
