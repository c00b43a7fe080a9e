import { describe, expect, it } from 'vitest';
import { HeaderError, type HeliconeRequestHeaders } from '../../../gateway/src/contract/helicone-headers.js';
import { bucketKey, RateLimiter } from '../../../gateway/src/rate-limit/limiter.js';
import { parsePolicy } from '../../../gateway/src/rate-limit/policy.js';
import { MemoryRateLimitStore } from '../../../gateway/src/rate-limit/store.js';

function clock(start = 1_000_000) {
  const c = { now: start, read: () => c.now };
  return c;
}

function headers(extra: Partial<HeliconeRequestHeaders> = {}): HeliconeRequestHeaders {
  return { properties: {}, omitRequest: false, omitResponse: false, ...extra };
}

describe('MemoryRateLimitStore (fixed windows)', () => {
  it('allows quota requests in a window, refuses the next, and opens a fresh window at the reset', async () => {
    const store = new MemoryRateLimitStore();
    const t0 = 10_000;
    expect(await store.reserve('k', 2, 1, 60_000, t0)).toEqual({ allowed: true, used: 1, resetAt: t0 + 60_000 });
    expect(await store.reserve('k', 2, 1, 60_000, t0 + 1_000)).toEqual({ allowed: true, used: 2, resetAt: t0 + 60_000 });
    expect(await store.reserve('k', 2, 1, 60_000, t0 + 59_999)).toEqual({ allowed: false, used: 2, resetAt: t0 + 60_000 });
    expect(await store.reserve('k', 2, 1, 60_000, t0 + 60_000)).toEqual({ allowed: true, used: 1, resetAt: t0 + 120_000 });
  });

  it('checks without taking (take 0) and lets charges overdraw', async () => {
    const store = new MemoryRateLimitStore();
    expect((await store.reserve('c', 1, 0, 60_000, 0)).allowed).toBe(true);
    expect(await store.charge('c', 0.6, 60_000, 1)).toEqual({ used: 0.6, resetAt: 60_000 });
    expect((await store.reserve('c', 1, 0, 60_000, 2)).allowed).toBe(true);
    expect(await store.charge('c', 0.6, 60_000, 3)).toEqual({ used: 1.2, resetAt: 60_000 });
    expect(await store.reserve('c', 1, 0, 60_000, 4)).toEqual({ allowed: false, used: 1.2, resetAt: 60_000 });
  });

  it('keeps keys apart', async () => {
    const store = new MemoryRateLimitStore();
    expect((await store.reserve('a', 1, 1, 60_000, 0)).allowed).toBe(true);
    expect((await store.reserve('a', 1, 1, 60_000, 0)).allowed).toBe(false);
    expect((await store.reserve('b', 1, 1, 60_000, 0)).allowed).toBe(true);
  });

  it('drops expired buckets, and stays within maxBuckets', async () => {
    const store = new MemoryRateLimitStore({ maxBuckets: 3, sweepEveryMs: 1_000 });
    await store.reserve('a', 5, 1, 60_000, 0);
    await store.reserve('b', 5, 1, 60_000, 0);
    expect(store.size).toBe(2);
    await store.reserve('c', 5, 1, 60_000, 60_000); // a and b expired: swept
    expect(store.size).toBe(1);
    for (const key of ['d', 'e', 'f', 'g']) await store.reserve(key, 5, 1, 60_000, 60_001);
    expect(store.size).toBe(3);
  });
});

describe('RateLimiter', () => {
  it('returns the headers with Remaining after this request and Reset in seconds', async () => {
    const c = clock();
    const limiter = new RateLimiter(new MemoryRateLimitStore(), c.read);
    const policy = parsePolicy('3;w=60;u=request');
    const first = await limiter.check(policy, 'k');
    expect(first).toMatchObject({ allowed: true });
    expect(first.headers).toEqual({
      'helicone-ratelimit-limit': '3',
      'helicone-ratelimit-remaining': '2',
      'helicone-ratelimit-policy': '3;w=60',
      'helicone-ratelimit-reset': '60',
    });
    c.now += 20_500;
    expect((await limiter.check(policy, 'k')).headers['helicone-ratelimit-remaining']).toBe('1');
    const third = await limiter.check(policy, 'k');
    expect(third.headers['helicone-ratelimit-remaining']).toBe('0');
    expect(third.headers['helicone-ratelimit-reset']).toBe('40');
    const fourth = await limiter.check(policy, 'k');
    expect(fourth.allowed).toBe(false);
    expect(fourth.headers['helicone-ratelimit-remaining']).toBe('0');
    c.now += 39_500; // the window has ended
    const fifth = await limiter.check(policy, 'k');
    expect(fifth.allowed).toBe(true);
    expect(fifth.headers['helicone-ratelimit-remaining']).toBe('2');
    expect(fifth.headers['helicone-ratelimit-reset']).toBe('60');
  });

  it('cents: checks before, deducts the actual cost after, blocks once spent; unknown cost deducts nothing', async () => {
    const c = clock();
    const limiter = new RateLimiter(new MemoryRateLimitStore(), c.read);
    const policy = parsePolicy('10;w=3600;u=cents;s=user');
    const a = await limiter.check(policy, 'k');
    expect(a.allowed).toBe(true);
    expect(a.headers['helicone-ratelimit-remaining']).toBe('10');
    expect(a.headers['helicone-ratelimit-policy']).toBe('10;w=3600;u=cents;s=user');
    await limiter.settle(a, 4);
    const b = await limiter.check(policy, 'k');
    expect(b.headers['helicone-ratelimit-remaining']).toBe('6');
    await limiter.settle(b, Number.NaN);
    await limiter.settle(b, 0);
    const c2 = await limiter.check(policy, 'k');
    expect(c2.headers['helicone-ratelimit-remaining']).toBe('6');
    await limiter.settle(c2, 7.5); // overdraws to -1.5
    const d = await limiter.check(policy, 'k');
    expect(d.allowed).toBe(false);
    expect(d.headers['helicone-ratelimit-remaining']).toBe('0');
    await limiter.settle(d, 5); // a refused request deducts nothing
    c.now += 3_600_000;
    expect((await limiter.check(policy, 'k')).headers['helicone-ratelimit-remaining']).toBe('10');
  });

  it('refuses a request bucket with a fractional quota at the whole number', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore(), () => 0);
    const policy = parsePolicy('1.5;w=60');
    expect((await limiter.check(policy, 'k')).allowed).toBe(true);
    expect((await limiter.check(policy, 'k')).allowed).toBe(false);
  });
});

describe('bucketKey', () => {
  it('global, per user, per property (case-insensitive), and per unit', () => {
    expect(bucketKey(parsePolicy('1;w=60'), headers(), null)).toBe('-:global::request');
    expect(bucketKey(parsePolicy('1;w=60;u=cents'), headers(), 'key1')).toBe('key1:global::cents');
    expect(bucketKey(parsePolicy('1;w=60;s=user'), headers({ userId: 'alice' }), null)).toBe('-:user:"alice":request');
    const org = bucketKey(parsePolicy('1;w=60;s=Organization'), headers({ properties: { organization: 'acme' } }), null);
    expect(org).toBe('-:prop:"organization":"acme":request');
    expect(bucketKey(parsePolicy('1;w=60;s=organization'), headers({ properties: { ORGANIZATION: 'acme' } }), null)).toBe(org);
  });

  it('400s when the segment header is missing', () => {
    const user = (() => {
      try {
        bucketKey(parsePolicy('1;w=60;s=user'), headers(), null);
      } catch (error) {
        return error;
      }
    })();
    expect(user).toBeInstanceOf(HeaderError);
    expect((user as HeaderError).message).toBe('Rate limit policy specifies "s=user" but Helicone-User-Id header is missing');
    expect(() => bucketKey(parsePolicy('1;w=60;s=org'), headers({ properties: { team: 'x' } }), null)).toThrow(
      'Rate limit policy specifies "s=org" but Helicone-Property-org header is missing',
    );
  });
});
