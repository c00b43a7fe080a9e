/**
 * The response cache in Redis, shared by every gateway instance pointed at it. Each entry is one
 * string key, `<prefix>cache:<key>:<slot>`, whose TTL Redis enforces, so expired entries never
 * need sweeping.
 */
import type { RedisConnection } from '../redis/redis-connection.js';
import type { CacheStore } from './cache-store.js';

export class RedisCacheStore implements CacheStore {
  constructor(private readonly redis: RedisConnection) {}

  private key(key: string, slot: number): string {
    return `${this.redis.prefix}cache:${key}:${slot}`;
  }

  async get(key: string, slot: number): Promise<string | null> {
    return this.redis.run('cache lookup', (client) => client.get(this.key(key, slot)));
  }

  async set(key: string, slot: number, body: string, expiresAt: number, now: number): Promise<void> {
    const ttlMs = Math.ceil(expiresAt - now);
    if (ttlMs <= 0) return;
    await this.redis.run('cache save', (client) => client.set(this.key(key, slot), body, 'PX', ttlMs));
  }
}
