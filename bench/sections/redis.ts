/**
 * Shared state: the response cache's lookup and save and the rate limiter's check, each called
 * one at a time through the gateway's own code, in-process (SQLite cache, in-memory limiter)
 * beside Redis, and against a Redis that is down (a closed port: the fail-open path). Bounded:
 * a fixed number of samples per row and a deadline; keys under a prefix of the run's own,
 * deleted at the end.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCachePolicy } from '../../gateway/src/cache/cache-policy.js';
import type { CacheStore } from '../../gateway/src/cache/cache-store.js';
import { RedisCacheStore } from '../../gateway/src/cache/redis-cache-store.js';
import { lookupCache, saveToCache } from '../../gateway/src/cache/response-cache.js';
import { RateLimiter } from '../../gateway/src/rate-limit/limiter.js';
import { parsePolicy } from '../../gateway/src/rate-limit/policy.js';
import { RedisRateLimitStore } from '../../gateway/src/rate-limit/redis-store.js';
import { MemoryRateLimitStore, type RateLimitStore } from '../../gateway/src/rate-limit/store.js';
import { FailureReport } from '../../gateway/src/redis/failure-report.js';
import { RedisConnection } from '../../gateway/src/redis/redis-connection.js';
import { SqliteStore } from '../../gateway/src/store/sqlite-store.js';
import { quantile } from '../lib/stats.js';

export interface SharedStateTiming {
  operation: 'cache lookup (hit)' | 'cache save' | 'rate-limit check';
  backend: 'in-process' | 'Redis' | 'Redis down (fails open)';
  p50: number;
  p99: number;
  samples: number;
}

// A chat completion of a realistic size (~1.3 KB), as the cache stores it.
const answer = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_750_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, message: { role: 'assistant', content: 'A cached answer. '.repeat(60) }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 42, completion_tokens: 240, total_tokens: 282 },
});
const path = '/v1/chat/completions';
const policy = parseCachePolicy({ 'helicone-cache-enabled': 'true' })!;
const limit = parsePolicy('1000000;w=3600');

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function timed(samples: number, deadline: number, run: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number; samples: number }> {
  for (let i = 0; i < Math.min(200, samples); i++) await run(-1 - i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < samples && performance.now() < deadline; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), samples: times.length };
}

async function measure(backend: SharedStateTiming['backend'], cache: CacheStore, buckets: RateLimitStore, samples: number, deadline: number): Promise<SharedStateTiming[]> {
  const deps = { store: cache };
  const body = (i: number) => JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `question ${i}` }] });
  const failOpen = <T>(work: Promise<T>) => work.catch(() => null); // as the pipeline does
  const hot = body(0);
  await failOpen(saveToCache(deps, policy, path, hot, 0, answer));
  const limiter = new RateLimiter(buckets);
  return [
    { operation: 'cache lookup (hit)', backend, ...(await timed(samples, deadline, () => failOpen(lookupCache(deps, policy, path, hot)))) },
    { operation: 'cache save', backend, ...(await timed(samples, deadline, (i) => failOpen(saveToCache(deps, policy, path, body(i + 1), 0, answer)))) },
    { operation: 'rate-limit check', backend, ...(await timed(samples, deadline, (i) => failOpen(limiter.check(limit, `bench:${i % 100}`)))) },
  ];
}

/** Latencies of one call each; `redisUrl` must reach a running Redis. At most ~`maxSeconds` in all. */
export async function sharedStateLatencies(redisUrl = 'redis://127.0.0.1:6379', samples = 5_000, maxSeconds = 30): Promise<SharedStateTiming[]> {
  const deadline = performance.now() + maxSeconds * 1000;
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-redis-bench-'));
  const sqlite = new SqliteStore(join(dataDir, 'switchyard.db'));
  const prefix = `switchyard-bench:${randomUUID()}:`;
  const redis = new RedisConnection(redisUrl, { prefix });
  const dead = new RedisConnection(`redis://127.0.0.1:${await closedPort()}`, { prefix, report: new FailureReport({ subject: 'Redis', write: () => {} }) });
  try {
    if (!(await redis.ready())) throw new Error(`no Redis answers at ${redisUrl}; start one or pass its URL`);
    await dead.ready();
    const share = (seconds: number) => Math.min(deadline, performance.now() + seconds * 1000);
    return [
      ...(await measure('in-process', sqlite, new MemoryRateLimitStore(), samples, share(maxSeconds / 3))),
      ...(await measure('Redis', new RedisCacheStore(redis), new RedisRateLimitStore(redis), samples, share(maxSeconds / 3))),
      ...(await measure('Redis down (fails open)', new RedisCacheStore(dead), new RedisRateLimitStore(dead), samples, deadline)),
    ];
  } finally {
    let cursor = '0';
    do {
      const [next, keys] = await redis.client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.close();
    await dead.close();
    sqlite.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The section's Markdown table. */
export function sharedStateTable(timings: readonly SharedStateTiming[]): string[] {
  const fmt = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : 'n/a');
  return [
    '### Shared state: one call at a time, in-process beside Redis on this machine',
    '',
    '| operation | backend | p50 (ms) | p99 (ms) | samples |',
    '|---|---|---|---|---|',
    ...timings.map((t) => `| ${t.operation} | ${t.backend} | ${fmt(t.p50)} | ${fmt(t.p99)} | ${t.samples} |`),
  ];
}
