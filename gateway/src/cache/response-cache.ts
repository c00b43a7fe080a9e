/**
 * The bucket algorithm (spec §3.1): read slots 0..N-1; if any is empty it is a MISS (the answer
 * goes to the first empty slot); if all are full it is a HIT on a random slot. Every failure
 * inside the cache fails open: the request goes on as if caching were off for the failed step.
 */
import { SharedStateUnavailable } from '../redis/shared-state-unavailable.js';
import { cacheKey } from './cache-key.js';
import type { CachePolicy } from './cache-policy.js';
import type { CacheStore } from './cache-store.js';

export type CacheLookup =
  | { hit: true; slot: number; body: string }
  | { hit: false; /** The first empty slot, where a miss is saved; null when none (or unknown). */ emptySlot: number | null };

export interface CacheDeps {
  store: CacheStore;
  now?: () => number;
  /** In [0, 1), like Math.random. */
  random?: () => number;
}

export async function lookupCache(deps: CacheDeps, policy: CachePolicy, path: string, bodyText: string): Promise<CacheLookup> {
  const now = (deps.now ?? Date.now)();
  // All slots at once: a networked store answers them concurrently, not one round trip after another.
  const slots = Array.from({ length: policy.bucketSize }, (_, slot) => slot);
  const bodies = await Promise.all(slots.map((slot) => deps.store.get(cacheKey(policy, path, bodyText, slot), slot, now)));
  const emptySlot = bodies.findIndex((body) => body === null);
  if (emptySlot >= 0 || !policy.read) return { hit: false, emptySlot: emptySlot >= 0 ? emptySlot : null };
  const slot = Math.min(policy.bucketSize - 1, Math.floor((deps.random ?? Math.random)() * policy.bucketSize));
  return { hit: true, slot, body: bodies[slot]! };
}

export async function saveToCache(deps: CacheDeps, policy: CachePolicy, path: string, bodyText: string, slot: number, answer: string): Promise<void> {
  const now = (deps.now ?? Date.now)();
  await deps.store.set(cacheKey(policy, path, bodyText, slot), slot, answer, now + policy.ttlSeconds * 1000, now);
}

/** Logs a cache failure as one JSON line on stderr; the request carries on. */
export function cacheFailed(step: string, requestId: string, error: unknown): void {
  if (error instanceof SharedStateUnavailable) return; // already reported, throttled, by the connection
  console.error(JSON.stringify({ level: 'error', msg: `response cache ${step} failed; continuing without it`, requestId, error: String(error) }));
}
