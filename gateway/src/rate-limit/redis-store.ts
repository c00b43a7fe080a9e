/**
 * Rate-limit buckets in Redis, shared by every gateway instance pointed at it. Each reserve and
 * charge is one Lua script, so concurrent requests through different instances are counted
 * exactly (no read-then-write). Keys are `<prefix>rl:<bucket>` and expire with their window.
 */
import type { RedisConnection } from '../redis/redis-connection.js';
import { chargeScript, reserveScript } from './redis-scripts.js';
import type { BucketState, RateLimitStore, Reservation } from './store.js';

export class RedisRateLimitStore implements RateLimitStore {
  constructor(private readonly redis: RedisConnection) {}

  private key(bucket: string): string {
    return `${this.redis.prefix}rl:${bucket}`;
  }

  async reserve(key: string, limit: number, take: number, windowMs: number, now: number): Promise<Reservation> {
    const reply = await this.redis.run('rate-limit check', (client) =>
      reserveScript.run(client, [this.key(key)], [String(limit), String(take), String(Math.ceil(windowMs))]),
    );
    const [allowed, used, ttl] = reply as [number, string, number];
    return { allowed: allowed === 1, used: Number(used), resetAt: now + ttl };
  }

  async charge(key: string, amount: number, windowMs: number, now: number): Promise<BucketState> {
    const reply = await this.redis.run('rate-limit charge', (client) =>
      chargeScript.run(client, [this.key(key)], [String(amount), String(Math.ceil(windowMs))]),
    );
    const [used, ttl] = reply as [string, number];
    return { used: Number(used), resetAt: now + ttl };
  }
}
