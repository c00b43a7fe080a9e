/**
 * The delivery queue on an injected clock: the retry schedule, the bound on held jobs, and that
 * one stuck destination does not hold up the others.
 */
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../gateway/src/webhooks/backoff.js';
import { type Clock, type DeliveryJob, DeliveryQueue, type DeliveryQueueOptions, type Sender } from '../../../gateway/src/webhooks/delivery-queue.js';
import type { DeliveryOutcome } from '../../../gateway/src/webhooks/send-webhook.js';

/** A clock that moves only when told; timers fire in order as it passes them. */
class FakeClock implements Clock {
  private time = 0;
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 0;
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }
  /** Moves to `to`, firing each due timer (and letting the promises it starts settle). */
  async advance(to: number): Promise<void> {
    for (let guard = 0; guard < 1_000; guard++) {
      await flushPromises();
      const due = this.timers.filter((timer) => timer.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = to;
    await flushPromises();
  }
}

const flushPromises = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const job = (requestId: string, origin = 'https://a.example'): DeliveryJob => ({
  webhookId: 'w1',
  requestId,
  destination: `${origin}/hook`,
  origin,
  body: '{}',
  signature: 'sig',
  tries: 0,
  notBefore: 0,
});

function queueWith(send: Sender, clock: FakeClock, options: Partial<DeliveryQueueOptions> = {}) {
  const warnings: Array<Record<string, unknown>> = [];
  const queue = new DeliveryQueue(send, {
    limit: 100,
    concurrency: 4,
    perDestination: 2,
    maxAttempts: 4,
    retryBaseMs: 1_000,
    retryMaxMs: 60_000,
    clock,
    warn: (fields) => warnings.push(fields),
    ...options,
  });
  return { queue, warnings };
}

describe('retry backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((tries) => retryDelayMs(tries, 1_000, 60_000))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(retryDelayMs(10_000, 1_000, 60_000)).toBe(60_000);
  });
});

describe('DeliveryQueue', () => {
  it('retries a failed delivery on the backoff schedule until it is taken', async () => {
    const clock = new FakeClock();
    const sentAt: number[] = [];
    const { queue } = queueWith(async () => {
      sentAt.push(clock.now());
      return { ok: sentAt.length >= 3, reason: 'HTTP 503' };
    }, clock);
    queue.add(job('r1'));
    await clock.advance(100_000);
    expect(sentAt).toEqual([0, 1_000, 3_000]);
    expect(queue.delivered).toBe(1);
    expect(queue.size).toBe(0);
  });

  it('gives up after maxAttempts tries, with one warning', async () => {
    const clock = new FakeClock();
    const sentAt: number[] = [];
    const { queue, warnings } = queueWith(async () => {
      sentAt.push(clock.now());
      return { ok: false, reason: 'timeout' };
    }, clock);
    queue.add(job('r1'));
    await clock.advance(1_000_000);
    expect(sentAt).toEqual([0, 1_000, 3_000, 7_000]);
    expect(queue.failed).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ webhookId: 'w1', destination: 'https://a.example', reason: 'timeout' });
    expect(JSON.stringify(warnings)).not.toContain('sig');
  });

  it('holds at most `limit` jobs, dropping the oldest with a throttled warning', async () => {
    const clock = new FakeClock();
    const pending: Array<(outcome: DeliveryOutcome) => void> = [];
    // A destination that never answers: every slot stays taken.
    const { queue, warnings } = queueWith(() => new Promise((resolve) => pending.push(resolve)), clock, { limit: 3, concurrency: 1, perDestination: 1 });
    for (let i = 0; i < 10; i++) queue.add(job(`r${i}`));
    expect(queue.active).toBe(1);
    expect(queue.size).toBe(3);
    expect(queue.dropped).toBe(6);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ requestId: 'r1' });
    for (const resolve of pending.splice(0)) resolve({ ok: true });
    await clock.advance(0);
    // The newest three were kept, in order.
    for (const resolve of pending.splice(0)) resolve({ ok: true });
    await clock.advance(0);
    for (const resolve of pending.splice(0)) resolve({ ok: true });
    await clock.advance(0);
    for (const resolve of pending.splice(0)) resolve({ ok: true });
    await clock.advance(0);
    expect(queue.delivered).toBe(4);
  });

  it('a stuck destination takes at most its own slots; others are still delivered', async () => {
    const clock = new FakeClock();
    const delivered: string[] = [];
    const { queue } = queueWith(
      (sent) => (sent.origin === 'https://dead.example' ? new Promise<DeliveryOutcome>(() => undefined) : Promise.resolve(void delivered.push(sent.requestId)).then(() => ({ ok: true }))),
      clock,
    );
    for (let i = 0; i < 5; i++) queue.add(job(`dead${i}`, 'https://dead.example'));
    for (let i = 0; i < 5; i++) queue.add(job(`live${i}`));
    await clock.advance(0);
    expect(delivered).toEqual(['live0', 'live1', 'live2', 'live3', 'live4']);
    expect(queue.active).toBe(2);
    expect(queue.size).toBe(3);
    expect(queue.stop()).toBe(3);
  });
});
