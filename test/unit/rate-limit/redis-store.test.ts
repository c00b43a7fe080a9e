/**
 * Rate-limit buckets in Redis (against the machine's Redis, under a prefix of this file's own):
 * the same fixed-window answers as the in-memory store, exact counts under concurrency from
 * several connections (the Lua scripts), fractional cents, and a TTL on every bucket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisRateLimitStore } from '../../../gateway/src/rate-limit/redis-store.js';
import { MemoryRateLimitStore } from '../../../gateway/src/rate-limit/store.js';
import { RedisConnection } from '../../../gateway/src/redis/redis-connection.js';
import { deleteKeys, inspector, testPrefix, testRedisUrl, ThrowawayRedis } from '../../helpers/redis.js';

const prefix = testPrefix();
const look = inspector();
const connections: RedisConnection[] = [];

async function connect(): Promise<RedisRateLimitStore> {
  const redis = new RedisConnection(testRedisUrl, { prefix });
  connections.push(redis);
  expect(await redis.ready()).toBe(true);
  return new RedisRateLimitStore(redis);
}

let store: RedisRateLimitStore;
beforeAll(async () => {
  store = await connect();
});
afterAll(async () => {
  await deleteKeys(look, prefix);
  await Promise.all(connections.map((redis) => redis.close()));
  look.disconnect();
});

describe('RedisRateLimitStore', () => {
  it('allows quota requests in a window and refuses the next, like the in-memory store', async () => {
    const memory = new MemoryRateLimitStore();
    const now = Date.now();
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const redis = await store.reserve('same-as-memory', 3, 1, 60_000, now);
      const local = await memory.reserve('same-as-memory', 3, 1, 60_000, now);
      expect({ allowed: redis.allowed, used: redis.used }).toEqual({ allowed: local.allowed, used: local.used });
      // Redis measures the window itself: the reset is within a few ms of the in-memory one.
      expect(Math.abs(redis.resetAt - local.resetAt)).toBeLessThan(1_000);
      answers.push(redis.allowed);
    }
    expect(answers).toEqual([true, true, true, false]);
  });

  it('keeps each bucket under <prefix>rl: with its window as the TTL, and opens a fresh window once it expires', async () => {
    const now = Date.now();
    expect((await store.reserve('short-window', 1, 1, 200, now)).allowed).toBe(true);
    expect((await store.reserve('short-window', 1, 1, 200, now)).allowed).toBe(false);
    const ttl = await look.pttl(`${prefix}rl:short-window`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(200);
    await expect.poll(() => look.exists(`${prefix}rl:short-window`), { interval: 20, timeout: 2_000 }).toBe(0);
    expect(await store.reserve('short-window', 1, 1, 200, Date.now())).toMatchObject({ allowed: true, used: 1 });
  });

  it('counts exactly under concurrency: 60 reserves through three connections, quota 25, allow 25', async () => {
    const stores = [store, await connect(), await connect()];
    const now = Date.now();
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => stores[i % 3]!.reserve('concurrent', 25, 1, 60_000, now)));
    expect(results.filter((result) => result.allowed)).toHaveLength(25);
    expect(await look.get(`${prefix}rl:concurrent`)).toBe('25');
  });

  it('checks cents without taking, and adds fractional charges atomically (overdraw allowed)', async () => {
    const stores = [store, await connect()];
    const now = Date.now();
    expect(await store.reserve('cents', 0.001, 0, 60_000, now)).toMatchObject({ allowed: true, used: 0 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => stores[i % 2]!.charge('cents', 0.00017, 60_000, now)));
    expect(Number(await look.get(`${prefix}rl:cents`))).toBeCloseTo(0.0017, 12);
    expect(await store.reserve('cents', 0.001, 0, 60_000, now)).toMatchObject({ allowed: false });
    expect(await look.pttl(`${prefix}rl:cents`)).toBeGreaterThan(0);
  });

  it('opens a window on a charge to a bucket that has none', async () => {
    const now = Date.now();
    const state = await store.charge('charged-first', 0.5, 60_000, now);
    expect(state.used).toBe(0.5);
    expect(state.resetAt - now).toBeGreaterThan(59_000);
    expect(state.resetAt - now).toBeLessThanOrEqual(60_000);
  });

  it('sends the script again when Redis has forgotten it (a restart, SCRIPT FLUSH)', async () => {
    // A server of this test's own: SCRIPT FLUSH would touch every user of a shared Redis.
    const own = await ThrowawayRedis.start();
    const redis = new RedisConnection(own.url, { prefix });
    const ownLook = inspector(own.url);
    try {
      expect(await redis.ready()).toBe(true);
      const ownStore = new RedisRateLimitStore(redis);
      await ownStore.reserve('after-flush', 2, 1, 60_000, Date.now());
      await ownLook.script('FLUSH');
      expect(await ownStore.reserve('after-flush', 2, 1, 60_000, Date.now())).toMatchObject({ allowed: true, used: 2 });
    } finally {
      ownLook.disconnect();
      await redis.close();
      await own.kill();
    }
  });
});
