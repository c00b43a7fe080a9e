import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheKey, keyedBodyText } from '../../../gateway/src/cache/cache-key.js';
import { type CachePolicy, parseBucketSize, parseCachePolicy, parseTtlSeconds } from '../../../gateway/src/cache/cache-policy.js';
import { MemoryCacheStore } from '../../../gateway/src/cache/cache-store.js';
import { lookupCache, saveToCache } from '../../../gateway/src/cache/response-cache.js';
import { HeaderError } from '../../../gateway/src/contract/helicone-headers.js';
import { SqliteStore } from '../../../gateway/src/store/sqlite-store.js';

const path = '/v1/chat/completions';
const body = (extra: Record<string, unknown> = {}) => JSON.stringify({ model: 'mock', messages: [{ role: 'user', content: 'hi' }], ...extra });
const policyOf = (headers: Record<string, string>): CachePolicy => parseCachePolicy({ 'helicone-cache-enabled': 'true', ...headers })!;
const key = (headers: Record<string, string> = {}, text = body(), idx = 0, p = path) => cacheKey(policyOf(headers), p, text, idx);

describe('cache policy', () => {
  it('is null unless enabled, save or read is "true"; save/read combine with enabled', () => {
    expect(parseCachePolicy({})).toBeNull();
    expect(parseCachePolicy({ 'helicone-cache-enabled': 'false' })).toBeNull();
    expect(parseCachePolicy({ 'helicone-cache-enabled': 'TRUE' })).toMatchObject({ save: true, read: true, bucketSize: 1, ttlSeconds: 604_800, seed: '', ignoreKeys: [] });
    expect(parseCachePolicy({ 'helicone-cache-save': 'true' })).toMatchObject({ save: true, read: false });
    expect(parseCachePolicy({ 'helicone-cache-read': 'true' })).toMatchObject({ save: false, read: true });
  });

  it('reads max-age, lets s-maxage win, defaults to 7 days and clamps to 365 days', () => {
    expect(parseTtlSeconds(undefined)).toBe(604_800);
    expect(parseTtlSeconds('max-age=3600')).toBe(3600);
    expect(parseTtlSeconds('public, max-age=60')).toBe(60);
    expect(parseTtlSeconds('max-age=3600, s-maxage=120')).toBe(120);
    expect(parseTtlSeconds('s-maxage=120, max-age=3600')).toBe(120);
    expect(parseTtlSeconds('max-age=99999999')).toBe(31_536_000);
    expect(parseTtlSeconds('no-store')).toBe(604_800);
    expect(policyOf({ 'cache-control': 'max-age=10' }).ttlSeconds).toBe(10);
  });

  it('bucket size defaults to 1, refuses more than 20 and non-numbers with a HeaderError', () => {
    expect(parseBucketSize(undefined)).toBe(1);
    expect(parseBucketSize('20')).toBe(20);
    expect(() => parseBucketSize('21')).toThrow(HeaderError);
    expect(() => parseBucketSize('21')).toThrow('Cache bucket size cannot be greater than 20');
    expect(() => parseBucketSize('three')).toThrow(HeaderError);
    expect(() => policyOf({ 'helicone-cache-bucket-max-size': '21' })).toThrow('Cache bucket size cannot be greater than 20');
  });

  it('parses ignore keys as a trimmed comma list', () => {
    expect(policyOf({ 'helicone-cache-ignore-keys': ' request_id, timestamp ,' }).ignoreKeys).toEqual(['request_id', 'timestamp']);
  });
});

describe('cache key', () => {
  it('is stable for the same request and changes with body, temperature, seed, auth, path and bucket index', () => {
    const base = key();
    expect(key()).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const others = [
      key({}, body({ messages: [{ role: 'user', content: 'hello' }] })),
      key({}, body({ temperature: 0.5 })),
      key({ 'helicone-cache-seed': 'user-1' }),
      key({ authorization: 'Bearer sk-a' }),
      key({ 'helicone-auth': 'Bearer sk-b' }),
      key({}, body(), 0, '/v1/other'),
      key({}, body(), 1),
      key({ 'helicone-cache-bucket-max-size': '3' }),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
    expect(key({ authorization: 'Bearer sk-a' })).not.toBe(key({ authorization: 'Bearer sk-c' }));
    // Index 0 and no index hash the same (idx >= 1 only is appended).
    expect(key({}, body(), 0)).toBe(base);
  });

  it('ignores the listed top-level keys for the key only', () => {
    const ignore = { 'helicone-cache-ignore-keys': 'request_id,temperature' };
    expect(key(ignore, body({ request_id: 'a', temperature: 0.1 }))).toBe(key(ignore, body({ request_id: 'b', temperature: 0.9 })));
    expect(key(ignore, body({ request_id: 'a', user: 'x' }))).not.toBe(key(ignore, body({ request_id: 'a', user: 'y' })));
    const text = body({ request_id: 'a' });
    expect(JSON.parse(keyedBodyText(text, ['request_id']))).toEqual(JSON.parse(body()));
    expect(keyedBodyText('not json', ['a'])).toBe('not json');
    expect(keyedBodyText(text, [])).toBe(text);
  });

  it('leaves Google ya29 tokens out of the key', () => {
    expect(key({ authorization: 'Bearer ya29.one' })).toBe(key({ authorization: 'Bearer ya29.two' }));
  });
});

describe('bucket algorithm', () => {
  const text = body();

  it('misses until every slot is full, filling the first empty slot, then hits a random slot', async () => {
    const store = new MemoryCacheStore();
    const policy = policyOf({ 'helicone-cache-bucket-max-size': '3' });
    const deps = { store, now: () => 1000, random: () => 0.5 };
    for (const answer of ['42', '47', '17']) {
      const lookup = await lookupCache(deps, policy, path, text);
      expect(lookup.hit).toBe(false);
      if (lookup.hit) return;
      await saveToCache(deps, policy, path, text, lookup.emptySlot!, answer);
    }
    expect(store.entries.size).toBe(3);
    expect(await lookupCache(deps, policy, path, text)).toEqual({ hit: true, slot: 1, body: '47' });
    expect(await lookupCache({ ...deps, random: () => 0 }, policy, path, text)).toEqual({ hit: true, slot: 0, body: '42' });
    expect(await lookupCache({ ...deps, random: () => 0.999 }, policy, path, text)).toEqual({ hit: true, slot: 2, body: '17' });
  });

  it('fills a slot that became empty first', async () => {
    const store = new MemoryCacheStore();
    const policy = policyOf({ 'helicone-cache-bucket-max-size': '2' });
    const deps = { store, now: () => 1000 };
    await saveToCache(deps, policy, path, text, 1, 'b');
    expect(await lookupCache(deps, policy, path, text)).toEqual({ hit: false, emptySlot: 0 });
  });

  it('read-only never reports a slot to fill; save-only never hits', async () => {
    const store = new MemoryCacheStore();
    const full = policyOf({});
    const deps = { store, now: () => 1000 };
    await saveToCache(deps, full, path, text, 0, 'a');
    const saveOnly = { ...full, read: false };
    expect(await lookupCache(deps, saveOnly, path, text)).toEqual({ hit: false, emptySlot: null });
    expect(await lookupCache(deps, full, path, text)).toMatchObject({ hit: true, body: 'a' });
  });

  it('expires entries after the TTL (injected clock)', async () => {
    const store = new MemoryCacheStore();
    let now = 1_000_000;
    const deps = { store, now: () => now };
    const policy = policyOf({ 'cache-control': 'max-age=60' });
    await saveToCache(deps, policy, path, text, 0, 'a');
    now += 59_999;
    expect(await lookupCache(deps, policy, path, text)).toMatchObject({ hit: true, body: 'a' });
    now += 1;
    expect(await lookupCache(deps, policy, path, text)).toEqual({ hit: false, emptySlot: 0 });
    expect(store.entries.size).toBe(0);
  });
});

describe('SqliteStore as a CacheStore', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('stores per (key, slot), overwrites, ignores and deletes expired rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-cache-'));
    dirs.push(dir);
    const store = new SqliteStore(join(dir, 'db.sqlite'));
    try {
      expect(await store.get('k', 0, 100)).toBeNull();
      await store.set('k', 0, 'zero', 1000, 100);
      await store.set('k', 1, 'one', 500, 100);
      expect(await store.get('k', 0, 200)).toBe('zero');
      expect(await store.get('k', 1, 200)).toBe('one');
      await store.set('k', 0, 'zero-2', 2000, 300);
      expect(await store.get('k', 0, 400)).toBe('zero-2');
      expect(await store.get('k', 1, 500)).toBeNull();
      expect(store.db.prepare('SELECT key, slot, body, expires_at, created_at FROM response_cache').all()).toEqual([
        { key: 'k', slot: 0, body: 'zero-2', expires_at: 2000, created_at: 300 },
      ]);
      const columns = (store.db.prepare('PRAGMA table_info(requests)').all() as Array<{ name: string }>).map((c) => c.name);
      expect(columns).toContain('cost_saved_usd');
    } finally {
      await store.close();
    }
  });
});
