import { describe, expect, it } from 'vitest';
import { LogQueue } from '../../../gateway/src/log/log-queue.js';
import type { LogRecord } from '../../../gateway/src/log/log-record.js';

const record = (requestId: string) => ({ requestId }) as LogRecord;

describe('LogQueue', () => {
  it('writes records in batches off the caller’s path', async () => {
    const batches: string[][] = [];
    const queue = new LogQueue({ writeBatch: async (records) => void batches.push(records.map((r) => r.requestId)) }, { batchSize: 3, flushIntervalMs: 5 });
    for (const id of ['a', 'b', 'c', 'd']) queue.enqueue(record(id));
    expect(batches).toEqual([]);
    await queue.flush();
    expect(batches).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('keeps a batch whose write failed and writes it on a later try', async () => {
    let failures = 2;
    const written: string[] = [];
    const errors: unknown[] = [];
    const queue = new LogQueue(
      {
        writeBatch: async (records) => {
          if (failures-- > 0) throw new Error('disk full');
          written.push(...records.map((r) => r.requestId));
        },
      },
      { flushIntervalMs: 1, onError: (error) => errors.push(error) },
    );
    queue.enqueue(record('a'));
    queue.enqueue(record('b'));
    await queue.flush();
    expect(written).toEqual(['a', 'b']);
    expect(errors).toHaveLength(2);
    expect(queue.hasPending('a')).toBe(false);
  });

  it('writes a batch that keeps failing one record at a time, spilling only the record the store refuses', async () => {
    const written: string[] = [];
    const spilled: string[] = [];
    const queue = new LogQueue(
      {
        writeBatch: async (records) => {
          if (records.some((r) => r.requestId === 'poison')) throw new Error('UNIQUE constraint failed');
          written.push(...records.map((r) => r.requestId));
        },
      },
      { flushIntervalMs: 1, triesBeforeSplit: 2, isPermanent: (error) => /UNIQUE/.test(String(error)), spill: (r) => spilled.push(r.requestId) },
    );
    for (const id of ['a', 'poison', 'b']) queue.enqueue(record(id));
    await queue.flush();
    expect(written).toEqual(['a', 'b']);
    expect(spilled).toEqual(['poison']);
    queue.enqueue(record('c'));
    await queue.flush();
    expect(written).toEqual(['a', 'b', 'c']);
  });

  it('keeps retrying a passing failure (a locked database) without spilling anything', async () => {
    let failures = 4;
    const written: string[] = [];
    const spilled: string[] = [];
    const queue = new LogQueue(
      {
        writeBatch: async (records) => {
          if (failures-- > 0) throw new Error('database is locked');
          written.push(...records.map((r) => r.requestId));
        },
      },
      { flushIntervalMs: 1, triesBeforeSplit: 2, isPermanent: (error) => /UNIQUE/.test(String(error)), spill: (r) => spilled.push(r.requestId) },
    );
    for (const id of ['a', 'b', 'c']) queue.enqueue(record(id));
    await queue.flush(20);
    expect(written).toEqual(['a', 'b', 'c']);
    expect(spilled).toEqual([]);
  });

  it('makes callers wait for room when full, instead of dropping records', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const written: string[] = [];
    const queue = new LogQueue(
      {
        writeBatch: async (records) => {
          await gate;
          written.push(...records.map((r) => r.requestId));
        },
      },
      { batchSize: 2, maxQueued: 2, flushIntervalMs: 1 },
    );
    expect(queue.waitForRoom()).toBeUndefined();
    queue.enqueue(record('a'));
    queue.enqueue(record('b'));
    const waiting = queue.waitForRoom();
    expect(waiting).toBeInstanceOf(Promise);
    let admitted = false;
    void waiting!.then(() => (admitted = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(admitted).toBe(false);
    release();
    await waiting;
    expect(written).toEqual(['a', 'b']);
  });

  it('flush waits for the records queued before it, not for those that keep arriving', async () => {
    const written: string[] = [];
    const queue = new LogQueue({
      writeBatch: async (records) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        written.push(...records.map((r) => r.requestId));
      },
    });
    queue.enqueue(record('before'));
    const flushed = queue.flush();
    queue.enqueue(record('after'));
    await flushed;
    expect(written).toEqual(['before']);
    expect(queue.hasPending('after')).toBe(true);
    await queue.flush();
    expect(written).toEqual(['before', 'after']);
  });

  it('refuses records after close, having written everything before', async () => {
    const written: string[] = [];
    const queue = new LogQueue({ writeBatch: async (records) => void written.push(...records.map((r) => r.requestId)) });
    queue.enqueue(record('last'));
    await queue.close();
    expect(written).toEqual(['last']);
    expect(() => queue.enqueue(record('late'))).toThrow(/closed/);
  });
});
