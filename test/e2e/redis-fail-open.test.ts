/**
 * Losing Redis fails open: requests are answered (the cache misses, the limiter allows, no
 * rate-limit headers), with one line on stderr rather than one a request; and once Redis
 * is back the shared cache and limits work again without a restart.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { GatewayUnderTest } from '../helpers/gateway-under-test.js';
import { freePort, ThrowawayRedis } from '../helpers/redis.js';

const policy = { 'Helicone-RateLimit-Policy': '2;w=3600' };
const cacheOn = { 'Helicone-Cache-Enabled': 'true' };

async function ask(gw: GatewayUnderTest, content: string) {
  const response = await gw.post('/v1/chat/completions', { model: 'mock', messages: [{ role: 'user', content }] }, { ...policy, ...cacheOn });
  await response.text();
  return {
    status: response.status,
    cache: response.headers.get('helicone-cache'),
    remaining: response.headers.get('helicone-ratelimit-remaining'),
  };
}

/** The JSON lines written to stderr that are about Redis. */
function redisLines(stderr: MockInstance): Array<Record<string, unknown>> {
  return stderr.mock.calls
    .map((call) => JSON.parse(String(call[0])) as Record<string, unknown>)
    .filter((line) => String(line.msg).startsWith('Redis'));
}

let stderr: MockInstance;
beforeEach(() => {
  stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => stderr.mockRestore());

describe('with no Redis listening', () => {
  it('starts and answers every request: cache MISS, limiter allows, no request stalled, one log line', async () => {
    const gw = await GatewayUnderTest.start({ SWITCHYARD_REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    try {
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await ask(gw, 'no redis'));
      expect(answers.map((a) => [a.status, a.cache, a.remaining])).toEqual(Array(5).fill([200, 'MISS', null]));
      const lines = redisLines(stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 'error', msg: 'Redis (shared cache and rate limits) unavailable; failing open' });
      // Neither the cache nor the limiter added a line of its own per request.
      expect(stderr.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('failed'))).toHaveLength(0);
    } finally {
      await gw.close();
    }
  });
});

describe('with a Redis that goes away and comes back', () => {
  let redis: ThrowawayRedis;
  let gw: GatewayUnderTest;
  afterAll(async () => {
    redis?.resume();
    await gw?.close();
    await redis?.kill();
  });

  it('fails open while it is down and shares state again once it is back, without a restart', async () => {
    redis = await ThrowawayRedis.start();
    gw = await GatewayUnderTest.start({ SWITCHYARD_REDIS_URL: redis.url });
    const content = `comes and goes ${randomUUID()}`;
    expect(await ask(gw, content)).toMatchObject({ status: 200, cache: 'MISS', remaining: '1' });
    await expect.poll(async () => (await ask(gw, content)).cache, { interval: 10, timeout: 2_000 }).toBe('HIT');

    await redis.kill();
    const down = [];
    for (let i = 0; i < 5; i++) down.push(await ask(gw, content));
    // The cached answer is gone with Redis, the quota of 2 no longer refuses.
    expect(down.map((a) => [a.status, a.cache, a.remaining])).toEqual(Array(5).fill([200, 'MISS', null]));
    expect(redisLines(stderr).filter((line) => line.level === 'error')).toHaveLength(1);

    await redis.start(); // the same port, empty (it keeps nothing on disk)
    await expect.poll(() => gw.gateway.redis!.client.status, { interval: 20, timeout: 5_000 }).toBe('ready');
    expect(redisLines(stderr).at(-1)).toMatchObject({ level: 'info', msg: 'Redis (shared cache and rate limits) available again' });
    expect(await ask(gw, content)).toMatchObject({ status: 200, cache: 'MISS', remaining: '1' });
    await expect.poll(async () => (await ask(gw, content)).cache, { interval: 10, timeout: 2_000 }).toBe('HIT');
    expect((await ask(gw, `${content} other`)).status).toBe(429); // both requests above counted, the quota is spent
  });

  it('bounds a Redis that hangs: one request waits for the command timeout, the next ones do not wait at all', async () => {
    expect(gw.gateway.redis!.client.status).toBe('ready');
    const content = `hangs ${randomUUID()}`;
    redis.pause();
    try {
      const first = await ask(gw, content);
      expect(first).toMatchObject({ status: 200, cache: 'MISS', remaining: null });
      const next = [];
      for (let i = 0; i < 5; i++) next.push(await ask(gw, content));
      expect(next.map((a) => a.status)).toEqual(Array(5).fill(200));
      // The command timeout was noticed and reported: the next ones fail open without asking Redis.
      expect(redisLines(stderr).some((line) => line.level === 'error')).toBe(true);
    } finally {
      redis.resume();
    }
    // Healthy again after the pause: the limiter answers with its headers.
    await expect.poll(async () => (await ask(gw, `${content} after`)).remaining !== null, { interval: 100, timeout: 5_000 }).toBe(true);
  });
});
