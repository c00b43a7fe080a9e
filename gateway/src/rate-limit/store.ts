/**
 * Where rate-limit buckets live. The interface is asynchronous so that a shared store (Redis,
 * redis-store.ts) can implement it; the in-memory one keeps buckets in the gateway process.
 *
 * Windows are FIXED, anchored at a bucket's first use: a bucket opened at t counts everything
 * until t + window, then the next use opens a fresh one. (Simple and exact to explain in the
 * Reset header; a burst of 2×quota is possible across a window boundary.)
 */

export interface BucketState {
  /** Amount used in the open window (requests, or cents). May exceed the limit for cents. */
  used: number;
  /** Epoch ms at which the open window ends. */
  resetAt: number;
}

export interface Reservation extends BucketState {
  allowed: boolean;
}

export interface RateLimitStore {
  /**
   * Atomically: opens a new window when none is open at `now`; then, when `used < limit` and
   * `used + take <= limit`, adds `take` and allows; otherwise changes nothing and refuses.
   * `take` is 1 for request buckets and 0 (check only) for cents buckets.
   */
  reserve(key: string, limit: number, take: number, windowMs: number, now: number): Promise<Reservation>;
  /** Adds `amount` to the open window's usage (opening one when none is open at `now`). */
  charge(key: string, amount: number, windowMs: number, now: number): Promise<BucketState>;
}

interface Bucket {
  used: number;
  resetAt: number;
}

export interface MemoryStoreOptions {
  /** Most buckets kept; past it, expired ones are dropped, then the oldest opened. */
  maxBuckets?: number;
  /** How often (ms) a call also sweeps out expired buckets. */
  sweepEveryMs?: number;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxBuckets: number;
  private readonly sweepEveryMs: number;
  private lastSweep = -Infinity;

  constructor(options: MemoryStoreOptions = {}) {
    this.maxBuckets = options.maxBuckets ?? 100_000;
    this.sweepEveryMs = options.sweepEveryMs ?? 60_000;
  }

  get size(): number {
    return this.buckets.size;
  }

  async reserve(key: string, limit: number, take: number, windowMs: number, now: number): Promise<Reservation> {
    const bucket = this.open(key, windowMs, now);
    const allowed = bucket.used < limit && bucket.used + take <= limit;
    if (allowed) bucket.used += take;
    return { allowed, used: bucket.used, resetAt: bucket.resetAt };
  }

  async charge(key: string, amount: number, windowMs: number, now: number): Promise<BucketState> {
    const bucket = this.open(key, windowMs, now);
    bucket.used += amount;
    return { used: bucket.used, resetAt: bucket.resetAt };
  }

  /** The bucket whose window is open at `now`, creating it (and keeping the map bounded). */
  private open(key: string, windowMs: number, now: number): Bucket {
    if (now - this.lastSweep >= this.sweepEveryMs) this.sweep(now);
    const existing = this.buckets.get(key);
    if (existing && existing.resetAt > now) return existing;
    if (existing) this.buckets.delete(key);
    if (this.buckets.size >= this.maxBuckets) {
      this.sweep(now);
      // Still full of live buckets: drop the oldest opened (Map keeps insertion order).
      while (this.buckets.size >= this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
    }
    const bucket = { used: 0, resetAt: now + windowMs };
    this.buckets.set(key, bucket);
    return bucket;
  }

  /** Drops every bucket whose window has ended. */
  sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (bucket.resetAt <= now) this.buckets.delete(key);
  }
}
