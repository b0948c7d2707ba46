import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGroupCommit } from './group-commit.ts';

/** A batch writer whose writes finish only when the test says so. */
function heldWriter() {
  const batches: number[][] = [];
  const release: (() => void)[] = [];
  const write = async (items: readonly number[]) => {
    batches.push([...items]);
    await new Promise<void>((resolve) => release.push(resolve));
    if (items.includes(-1)) throw new Error('write failed');
    return items.map((item) => item * 10);
  };
  return { batches, release, write };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('items submitted together start together; those arriving during a write go into the next one', async () => {
  const writer = heldWriter();
  const commit = createGroupCommit(writer.write);
  const first = [1, 2].map((item) => commit.submit(item));
  await tick();
  const second = [3, 4, 5].map((item) => commit.submit(item));
  await tick();
  assert.deepEqual(writer.batches, [[1, 2]], 'one write at a time');
  writer.release.shift()?.();
  assert.deepEqual(await Promise.all(first), [10, 20]);
  await tick();
  assert.deepEqual(writer.batches, [
    [1, 2],
    [3, 4, 5],
  ]);
  writer.release.shift()?.();
  assert.deepEqual(await Promise.all(second), [30, 40, 50]);
});

test('a failed write fails its own batch only', async () => {
  const writer = heldWriter();
  const commit = createGroupCommit(writer.write);
  const failing = commit.submit(-1);
  await tick();
  const next = commit.submit(7);
  writer.release.shift()?.();
  await assert.rejects(failing, /write failed/);
  await tick();
  writer.release.shift()?.();
  assert.equal(await next, 70);
});

test('a batch holds at most maxBatch items', async () => {
  const writer = heldWriter();
  const commit = createGroupCommit(writer.write, 2);
  const all = [1, 2, 3].map((item) => commit.submit(item));
  await tick();
  writer.release.shift()?.();
  await tick();
  writer.release.shift()?.();
  assert.deepEqual(await Promise.all(all), [10, 20, 30]);
  assert.deepEqual(writer.batches, [[1, 2], [3]]);
});
