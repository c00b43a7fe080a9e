/**
 * Where cached answers live. Small on purpose, so that another backend (Redis) can implement it.
 * Times are epoch milliseconds; an entry whose `expiresAt` is not after `now` does not exist.
 */
export interface CacheStore {
  get(key: string, slot: number, now: number): Promise<string | null>;
  set(key: string, slot: number, body: string, expiresAt: number, now: number): Promise<void>;
}

/** An in-memory CacheStore, for tests. */
export class MemoryCacheStore implements CacheStore {
  readonly entries = new Map<string, { body: string; expiresAt: number }>();

  async get(key: string, slot: number, now: number): Promise<string | null> {
    const entry = this.entries.get(`${key}\u0000${slot}`);
    if (!entry) return null;
    if (entry.expiresAt <= now) {
      this.entries.delete(`${key}\u0000${slot}`);
      return null;
    }
    return entry.body;
  }

  async set(key: string, slot: number, body: string, expiresAt: number): Promise<void> {
    this.entries.set(`${key}\u0000${slot}`, { body, expiresAt });
  }
}
