/**
 * Two gateway instances on different ports, each with its own SQLite file, sharing one Redis
 * (`SWITCHYARD_REDIS_URL`, under a key prefix of this file's own): rate limits count requests
 * through both exactly, and an answer cached through one is a hit through the other.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayUnderTest } from '../helpers/gateway-under-test.js';
import { deleteKeys, inspector, keysUnder, testPrefix, testRedisUrl } from '../helpers/redis.js';

const prefix = testPrefix();
const look = inspector();
let a: GatewayUnderTest;
let b: GatewayUnderTest;

beforeAll(async () => {
  const env = { SWITCHYARD_REDIS_URL: testRedisUrl, SWITCHYARD_REDIS_PREFIX: prefix };
  [a, b] = await Promise.all([GatewayUnderTest.start(env), GatewayUnderTest.start(env)]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await deleteKeys(look, prefix);
  look.disconnect();
});

const chat = (gw: GatewayUnderTest, headers: Record<string, string>, content = 'Hello there') =>
  gw.post('/v1/chat/completions', { model: 'mock', messages: [{ role: 'user', content }] }, headers);

const limitHeaders = (response: Response) => ({
  limit: response.headers.get('helicone-ratelimit-limit'),
  remaining: response.headers.get('helicone-ratelimit-remaining'),
  policy: response.headers.get('helicone-ratelimit-policy'),
  reset: response.headers.get('helicone-ratelimit-reset'),
});

describe('rate limits shared through Redis', () => {
  it('counts requests through both instances: quota 5, the 6th through either gets a 429 with the rate-limit headers', async () => {
    const headers = { 'Helicone-RateLimit-Policy': '5;w=3600;s=user', 'Helicone-User-Id': `u-${randomUUID()}` };
    const remaining: Array<string | null> = [];
    for (let i = 0; i < 5; i++) {
      const response = await chat(i % 2 === 0 ? a : b, headers);
      expect(response.status).toBe(200);
      remaining.push(limitHeaders(response).remaining);
      await response.text();
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    for (const gw of [a, b]) {
      const refused = await chat(gw, headers);
      expect(refused.status).toBe(429);
      const limit = limitHeaders(refused);
      expect(limit).toMatchObject({ limit: '5', remaining: '0', policy: '5;w=3600;s=user' });
      expect(Number(limit.reset)).toBeGreaterThan(3500);
      expect(Number(limit.reset)).toBeLessThanOrEqual(3600);
      const error = ((await refused.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('rate_limited');
      expect(error.message).toContain('allows 5 requests per 3600 seconds per user');
    }
  });

  it('counts concurrent requests exactly: 30 at once across both, quota 7, exactly 7 answered', async () => {
    const headers = { 'Helicone-RateLimit-Policy': '7;w=60;s=team', 'Helicone-Property-Team': `t-${randomUUID()}` };
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => chat(i % 2 === 0 ? a : b, headers)));
    await Promise.all(responses.map((response) => response.text()));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(7);
    expect(statuses.filter((status) => status === 429)).toHaveLength(23);
  });

  it('deducts cents-unit costs through both instances from one budget, after each answer', async () => {
    const user = `spender-${randomUUID()}`;
    const headers = { 'Helicone-RateLimit-Policy': '0.001;w=60;u=cents;s=user', 'Helicone-User-Id': user };
    const bucket = `${prefix}rl:-:user:${JSON.stringify(user)}:cents`;
    let spentCents = 0;
    const statuses: number[] = [];
    for (let i = 0; i < 20 && statuses.at(-1) !== 429; i++) {
      const gw = i % 2 === 0 ? a : b;
      const requestId = randomUUID();
      const response = await chat(gw, { ...headers, 'Helicone-Request-Id': requestId });
      statuses.push(response.status);
      expect(Number(limitHeaders(response).remaining)).toBeCloseTo(Math.max(0, 0.001 - spentCents), 9);
      await response.text();
      if (response.status !== 200) break;
      spentCents += (await gw.row(requestId)).cost_usd! * 100;
      // The charge lands just after the answer: wait until Redis holds the whole spend.
      await expect.poll(async () => Number(await look.get(bucket)), { interval: 5, timeout: 2_000 }).toBeCloseTo(spentCents, 12);
    }
    // 3 prompt + 7 completion tokens cost 0.00017 cents: the 6th request spends past 0.001.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });
});

describe('response cache shared through Redis', () => {
  it('answers through the second instance what was cached through the first', async () => {
    const on = { 'Helicone-Cache-Enabled': 'true' };
    const content = `shared cache ${randomUUID()}`;
    const miss = await chat(a, on, content);
    expect(miss.headers.get('helicone-cache')).toBe('MISS');
    const missText = await miss.text();
    await expect.poll(() => keysUnder(look, `${prefix}cache:`), { interval: 5, timeout: 2_000 }).not.toHaveLength(0);

    const hit = await chat(b, on, content);
    expect(hit.status).toBe(200);
    expect(hit.headers.get('helicone-cache')).toBe('HIT');
    expect(hit.headers.get('helicone-cache-bucket-idx')).toBe('0');
    expect(await hit.text()).toBe(missText);
    const row = (await b.row(hit.headers.get('helicone-id')!)) as Awaited<ReturnType<typeof b.row>> & { cache_hit: number };
    expect(row).toMatchObject({ cache_hit: 1, cost_usd: 0, attempts: [] });
    // Nothing went to the instances' SQLite caches.
    for (const gw of [a, b]) expect(await gw.gateway.store.sql.get('SELECT COUNT(*) AS n FROM response_cache')).toEqual({ n: 0 });
  });

  it('gives every key it writes a TTL: cache entries from Cache-Control, rate-limit buckets from their window', async () => {
    const before = (await keysUnder(look, `${prefix}cache:`)).length;
    const response = await chat(a, { 'Helicone-Cache-Enabled': 'true', 'Cache-Control': 'max-age=120' }, `ttl ${randomUUID()}`);
    await response.text();
    await expect.poll(async () => (await keysUnder(look, `${prefix}cache:`)).length, { interval: 5, timeout: 2_000 }).toBe(before + 1);
    const ttls = await Promise.all((await keysUnder(look, prefix)).map((key) => look.pttl(key)));
    expect(ttls.length).toBeGreaterThan(before + 1); // the rate-limit buckets of the tests above too
    for (const ttl of ttls) expect(ttl).toBeGreaterThan(0);
  });
});
