/**
 * The exports' batch queue on an injected clock: nothing is sent in the caller's turn, items of
 * one destination go together, retries are bounded and only for retryable failures, and past
 * its limit the oldest item is dropped with a throttled warning.
 */
import { describe, expect, it } from 'vitest';
import { type Batch, BatchQueue, type BatchQueueOptions } from '../../../gateway/src/exports/batch-queue.js';
import type { PostOutcome } from '../../../gateway/src/exports/post-json.js';
import { FakeClock } from './fake-clock.js';

function queueWith(send: (batch: Batch<number>) => Promise<PostOutcome>, clock: FakeClock, options: Partial<BatchQueueOptions> = {}) {
  const warnings: Array<Record<string, unknown>> = [];
  const queue = new BatchQueue<number>(send, {
    name: 'Test',
    limit: 100,
    maxBatch: 3,
    concurrency: 1,
    maxAttempts: 3,
    retryBaseMs: 1_000,
    retryMaxMs: 10_000,
    describe: (group) => `https://${group}.example`,
    clock,
    warn: (fields) => warnings.push(fields),
    ...options,
  });
  return { queue, warnings };
}

describe('BatchQueue', () => {
  it('sends on a later turn, in batches of one group, up to maxBatch items', async () => {
    const clock = new FakeClock();
    const sent: Array<{ group: string; items: number[] }> = [];
    const { queue } = queueWith(async (batch) => (sent.push({ group: batch.group, items: [...batch.items] }), { ok: true }), clock, { concurrency: 4 });
    for (const [group, item] of [['a', 1], ['b', 2], ['a', 3], ['a', 4], ['a', 5]] as const) queue.add(group, item);
    expect(sent).toEqual([]);
    await clock.advance(0);
    expect(sent).toEqual([
      { group: 'a', items: [1, 3, 4] },
      { group: 'b', items: [2] },
      { group: 'a', items: [5] },
    ]);
    await queue.idle();
    expect(queue.sent).toBe(5);
  });

  it('retries a retryable failure on the backoff schedule, at most maxAttempts times, then warns once', async () => {
    const clock = new FakeClock();
    const tries: number[] = [];
    const { queue, warnings } = queueWith(async () => (tries.push(clock.now()), { ok: false, reason: 'HTTP 503', retryable: true }), clock);
    queue.add('a', 1);
    await clock.advance(60_000);
    expect(tries).toEqual([0, 1_000, 3_000]);
    expect(queue.failed).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ destination: 'https://a.example', reason: 'HTTP 503' });
    expect(String(warnings[0]!.msg)).toMatch(/Test export failed after 3 tries/);
  });

  it('does not retry a refusal of the content (a 4xx)', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const { queue } = queueWith(async () => (calls++, { ok: false, reason: 'HTTP 400', retryable: false }), clock);
    queue.add('a', 1);
    await clock.advance(60_000);
    expect(calls).toBe(1);
    expect(queue.failed).toBe(1);
  });

  it('holds at most `limit` items: the oldest is dropped, with one warning per interval', async () => {
    const clock = new FakeClock();
    const never = new Promise<PostOutcome>(() => undefined);
    const { queue, warnings } = queueWith(() => never, clock, { limit: 5, maxBatch: 1 });
    queue.add('a', 0);
    await clock.advance(0); // item 0 is in flight, forever
    for (let item = 1; item <= 20; item++) queue.add('a', item);
    expect(queue.size).toBe(5);
    expect(queue.dropped).toBe(15);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]!.msg)).toMatch(/queue full/);
    queue.stop();
  });

  it('stop drops what is held and sends nothing more', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const { queue } = queueWith(async () => (calls++, { ok: true }), clock);
    queue.add('a', 1);
    expect(queue.stop()).toBe(1);
    queue.add('a', 2);
    await clock.advance(10_000);
    expect(calls).toBe(0);
  });
});
