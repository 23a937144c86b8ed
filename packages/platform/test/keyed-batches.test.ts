import { describe, expect, it } from 'vitest';
import { KeyedBatches } from '../src/events/keyed-batches';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Item {
  key: string;
  n: number;
}

function items(keys: number, perKey: number): Item[] {
  return Array.from({ length: perKey }, (_, n) => Array.from({ length: keys }, (_, k) => ({ key: `k${k}`, n }))).flat();
}

describe('keyed batches', () => {
  it('runs each key in order, never two batches of one key at once, and batches a backlog', async () => {
    const seen = new Map<string, number[]>();
    const runningKeys = new Set<string>();
    const batchSizes: number[] = [];
    let overlaps = 0;
    let maxRunning = 0;
    let running = 0;
    const queue = new KeyedBatches<Item>(
      { maxQueued: 1_000, maxRunning: 4, maxBatch: 8 },
      async (batch) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        batchSizes.push(batch.length);
        const keys = new Set(batch.map((i) => i.key));
        for (const key of keys) if (runningKeys.has(key)) overlaps += 1;
        for (const key of keys) runningKeys.add(key);
        await sleep(Math.random() * 5);
        for (const item of batch) seen.set(item.key, [...(seen.get(item.key) ?? []), item.n]);
        for (const key of keys) runningKeys.delete(key);
        running -= 1;
      },
      (err) => {
        throw err;
      },
    );
    const all = items(10, 30);
    for (const item of all) await queue.push(item);
    await queue.idle();
    for (let k = 0; k < 10; k++) expect(seen.get(`k${k}`)).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect(overlaps).toBe(0);
    expect(maxRunning).toBeLessThanOrEqual(4);
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(8);
    // Pushed all at once, they went in batches, far fewer than one per item.
    expect(batchSizes.length).toBeLessThan(all.length / 2);
  });

  it('runs an item that is not batchable alone, and keeps its key in order', async () => {
    const batches: string[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queue = new KeyedBatches<Item & { alone?: boolean }>(
      { maxQueued: 100, maxRunning: 1, maxBatch: 10 },
      async (batch) => {
        batches.push(batch.map((i) => `${i.key}${i.n}`));
        // The first batch holds the only slot while the rest piles up behind it.
        await gate;
      },
      () => undefined,
      (item) => !item.alone,
    );
    const items = [
      { key: 'z', n: 0 },
      { key: 'a', n: 1 },
      { key: 'b', n: 1, alone: true },
      { key: 'b', n: 2 },
      { key: 'c', n: 1 },
    ];
    for (const item of items) await queue.push(item);
    release();
    await queue.idle();
    // z0 alone (it started at once); then a1 and c1 together (b1 must run alone, and b2 waits behind it); b1; b2.
    expect(batches).toEqual([['z0'], ['a1', 'c1'], ['b1'], ['b2']]);
  });

  it('holds at most maxQueued items: a push waits until a batch finishes', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queue = new KeyedBatches<Item>(
      { maxQueued: 2, maxRunning: 1, maxBatch: 1 },
      () => gate,
      () => undefined,
    );
    await queue.push({ key: 'a', n: 1 });
    await queue.push({ key: 'b', n: 1 });
    let third = false;
    const pushing = queue.push({ key: 'c', n: 1 }).then(() => {
      third = true;
    });
    await sleep(20);
    expect(third).toBe(false);
    release();
    await pushing;
    expect(third).toBe(true);
    await queue.idle();
  });

  it('goes on with a key after a batch of it failed', async () => {
    const ran: number[] = [];
    const errors: unknown[] = [];
    const queue = new KeyedBatches<Item>(
      { maxQueued: 10, maxRunning: 2, maxBatch: 1 },
      async ([item]) => {
        if (item?.n === 1) throw new Error('boom');
        ran.push(item?.n ?? -1);
      },
      (err) => errors.push(err),
    );
    for (let n = 0; n < 4; n++) await queue.push({ key: 'a', n });
    await queue.idle();
    expect(ran).toEqual([0, 2, 3]);
    expect(errors).toHaveLength(1);
  });
});
