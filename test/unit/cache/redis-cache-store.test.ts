/**
 * The response cache in Redis (against the machine's Redis, under a prefix of this file's own):
 * entries round-trip, expire by Redis TTL, live under `<prefix>cache:`, and the bucket algorithm
 * runs over it as over the SQLite store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCachePolicy } from '../../../gateway/src/cache/cache-policy.js';
import { RedisCacheStore } from '../../../gateway/src/cache/redis-cache-store.js';
import { lookupCache, saveToCache } from '../../../gateway/src/cache/response-cache.js';
import { FailureReport } from '../../../gateway/src/redis/failure-report.js';
import { RedisConnection } from '../../../gateway/src/redis/redis-connection.js';
import { SharedStateUnavailable } from '../../../gateway/src/redis/shared-state-unavailable.js';
import { deleteKeys, freePort, inspector, testPrefix, testRedisUrl } from '../../helpers/redis.js';

const prefix = testPrefix();
const look = inspector();
let redis: RedisConnection;
let store: RedisCacheStore;

beforeAll(async () => {
  redis = new RedisConnection(testRedisUrl, { prefix });
  expect(await redis.ready()).toBe(true);
  store = new RedisCacheStore(redis);
});
afterAll(async () => {
  await deleteKeys(look, prefix);
  await redis.close();
  look.disconnect();
});

describe('RedisCacheStore', () => {
  it('stores a body under <prefix>cache:<key>:<slot> with the entry\'s lifetime as its Redis TTL', async () => {
    const now = Date.now();
    await store.set('abc', 0, '{"answer":42}', now + 60_000, now);
    expect(await store.get('abc', 0)).toBe('{"answer":42}');
    expect(await store.get('abc', 1)).toBeNull();
    expect(await look.get(`${prefix}cache:abc:0`)).toBe('{"answer":42}');
    const ttl = await look.pttl(`${prefix}cache:abc:0`);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('lets Redis expire an entry at its end of life', async () => {
    const now = Date.now();
    await store.set('short', 0, 'soon gone', now + 50, now);
    expect(await store.get('short', 0)).toBe('soon gone');
    await expect.poll(() => store.get('short', 0), { interval: 20, timeout: 2_000 }).toBeNull();
  });

  it('does not save an entry that has already expired', async () => {
    const now = Date.now();
    await store.set('stale', 0, 'x', now, now);
    expect(await look.exists(`${prefix}cache:stale:0`)).toBe(0);
  });

  it('runs the bucket algorithm: misses fill slots 0..N-1, then a hit', async () => {
    const policy = parseCachePolicy({ 'helicone-cache-enabled': 'true', 'helicone-cache-bucket-max-size': '2' })!;
    const deps = { store, random: () => 0.9 };
    const body = JSON.stringify({ model: 'mock', messages: [{ role: 'user', content: 'bucket' }] });
    expect(await lookupCache(deps, policy, '/v1/chat/completions', body)).toEqual({ hit: false, emptySlot: 0 });
    await saveToCache(deps, policy, '/v1/chat/completions', body, 0, 'first');
    expect(await lookupCache(deps, policy, '/v1/chat/completions', body)).toEqual({ hit: false, emptySlot: 1 });
    await saveToCache(deps, policy, '/v1/chat/completions', body, 1, 'second');
    expect(await lookupCache(deps, policy, '/v1/chat/completions', body)).toEqual({ hit: true, slot: 1, body: 'second' });
  });

  it('fails with SharedStateUnavailable, at once, when Redis cannot be reached', async () => {
    const dead = new RedisConnection(`redis://127.0.0.1:${await freePort()}`, { prefix, report: new FailureReport({ subject: 'Redis', write: () => {} }) });
    try {
      expect(await dead.ready()).toBe(false);
      const deadStore = new RedisCacheStore(dead);
      await expect(deadStore.get('abc', 0)).rejects.toBeInstanceOf(SharedStateUnavailable);
      await expect(deadStore.set('abc', 0, 'x', Date.now() + 1_000, Date.now())).rejects.toBeInstanceOf(SharedStateUnavailable);
    } finally {
      await dead.close();
    }
  });
});
