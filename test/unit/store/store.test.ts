/**
 * What every store does alike, run against both (test/helpers/stores.ts): log batches, the
 * response cache and gateway API keys. File, WAL and migration details are in sqlite-store.test.ts
 * and postgres-store.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../gateway/src/store/store.js';
import { openTestStore, storeKinds, type TestStore } from '../../helpers/stores.js';
import { logRecord as record } from './log-record.js';

describe.each(storeKinds)('store (%s)', (kind) => {
  let opened: TestStore;
  let store: Store;
  beforeEach(async () => {
    opened = await openTestStore(kind);
    store = opened.store;
  });
  afterEach(() => opened.close());

  const count = async (table: string) => (await store.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n;

  describe('log batches', () => {
    it('writes a batch with properties and bodies, and the effective model', async () => {
      await store.writeBatch([record('r1'), record('r2', { modelOverride: 'gpt-4o', requestBody: null })]);
      expect(await store.hasRequest('r1')).toBe(true);
      expect(await store.hasRequest('nope')).toBe(false);
      const rows = await store.sql.all('SELECT request_id, model, prompt_cache_read_tokens, cost_usd FROM requests ORDER BY request_id');
      expect(rows).toEqual([
        { request_id: 'r1', model: 'gpt-4o-mini-2024-07-18', prompt_cache_read_tokens: 2, cost_usd: 0.0000045 },
        { request_id: 'r2', model: 'gpt-4o', prompt_cache_read_tokens: 2, cost_usd: 0.0000045 },
      ]);
      expect(await store.sql.all('SELECT key, value FROM request_properties WHERE request_id = ?', ['r1'])).toEqual([{ key: 'Environment', value: 'test' }]);
      expect(await count('request_bodies')).toBe(1);
    });

    it('reads back every column as the record gave it', async () => {
      await store.writeBatch([
        record('r1', {
          stream: true,
          cacheHit: true,
          costSavedUsd: 0.25,
          errorMessage: 'boom',
          status: 502,
          timeToFirstTokenMs: 40,
          gatewayKeyId: 'key-1',
          responseId: 'chatcmpl-1',
          promptId: 'p1',
          promptVersion: 'v1',
          usage: null,
          costUsd: null,
        }),
      ]);
      expect(await store.sql.get('SELECT * FROM requests WHERE request_id = ?', ['r1'])).toMatchObject({
        request_created_at: 1_700_000_000_000,
        response_created_at: 1_700_000_000_250,
        latency_ms: 250,
        time_to_first_token_ms: 40,
        status: 502,
        error_message: 'boom',
        is_stream: 1,
        cache_hit: 1,
        cost_saved_usd: 0.25,
        prompt_tokens: null,
        total_tokens: null,
        cost_usd: null,
        gateway_key_id: 'key-1',
        response_id: 'chatcmpl-1',
        prompt_id: 'p1',
        prompt_version: 'v1',
        attempts: JSON.stringify([{ source: 'gpt-4o-mini/openai', provider: 'openai', status: 200, durationMs: 240 }]),
      });
    });

    it('writes a batch all or nothing', async () => {
      await store.writeBatch([record('r1')]);
      await expect(store.writeBatch([record('r2'), record('r1')])).rejects.toThrow(kind === 'sqlite' ? /UNIQUE/ : /duplicate key/);
      expect(await store.hasRequest('r2')).toBe(false);
      expect(await count('requests')).toBe(1);
      expect(await count('request_properties')).toBe(1);
    });

    it('accepts an empty batch', async () => {
      await store.writeBatch([]);
      expect(await count('requests')).toBe(0);
    });
  });

  describe('response cache', () => {
    it('returns a stored body until it expires, then forgets it', async () => {
      expect(await store.get('k', 0, 1_000)).toBeNull();
      await store.set('k', 0, 'body-0', 2_000, 1_000);
      await store.set('k', 1, 'body-1', 5_000, 1_000);
      expect(await store.get('k', 0, 1_999)).toBe('body-0');
      expect(await store.get('k', 1, 1_999)).toBe('body-1');
      expect(await store.get('other', 0, 1_999)).toBeNull();
      // Expiry is inclusive: at expires_at the entry is gone, and its row with it.
      expect(await store.get('k', 0, 2_000)).toBeNull();
      expect(await store.sql.all('SELECT slot FROM response_cache WHERE key = ?', ['k'])).toEqual([{ slot: 1 }]);
      expect(await store.get('k', 1, 2_000)).toBe('body-1');
    });

    it('replaces an entry set again under the same key and slot', async () => {
      await store.set('k', 0, 'old', 2_000, 1_000);
      await store.set('k', 0, 'new', 9_000, 1_500);
      expect(await store.get('k', 0, 3_000)).toBe('new');
      expect(await store.sql.get('SELECT body, expires_at, created_at FROM response_cache')).toEqual({ body: 'new', expires_at: 9_000, created_at: 1_500 });
    });
  });

  describe('gateway API keys', () => {
    const key = (id: string, createdAt: number) => ({ id, name: `key ${id}`, keyHash: `hash-${id}`, keyPrefix: `sk-${id}`, createdAt, revokedAt: null });

    it('starts with no keys', async () => {
      expect(await store.listApiKeys()).toEqual([]);
      expect(await store.keyTable()).toEqual({ active: new Map(), anyKeys: false });
    });

    it('lists keys oldest first without their hashes, and revokes each once', async () => {
      await store.insertApiKey(key('b', 200));
      await store.insertApiKey(key('a', 200));
      await store.insertApiKey(key('c', 100));
      expect(await store.listApiKeys()).toEqual([
        { id: 'c', name: 'key c', keyPrefix: 'sk-c', createdAt: 100, revokedAt: null },
        { id: 'a', name: 'key a', keyPrefix: 'sk-a', createdAt: 200, revokedAt: null },
        { id: 'b', name: 'key b', keyPrefix: 'sk-b', createdAt: 200, revokedAt: null },
      ]);
      expect(await store.revokeApiKey('a', 300)).toBe(true);
      expect(await store.revokeApiKey('a', 400)).toBe(false);
      expect(await store.revokeApiKey('nope', 400)).toBe(false);
      expect((await store.listApiKeys()).find((row) => row.id === 'a')).toMatchObject({ revokedAt: 300 });
    });

    it('maps active hashes to key ids; revoked keys still count as keys having existed', async () => {
      await store.insertApiKey(key('a', 100));
      await store.insertApiKey(key('b', 200));
      await store.revokeApiKey('a', 300);
      expect(await store.keyTable()).toEqual({ active: new Map([['hash-b', 'b']]), anyKeys: true });
      await store.revokeApiKey('b', 400);
      expect(await store.keyTable()).toEqual({ active: new Map(), anyKeys: true });
    });

    it('refuses a second key with the same hash', async () => {
      await store.insertApiKey(key('a', 100));
      await expect(store.insertApiKey({ ...key('b', 200), keyHash: 'hash-a' })).rejects.toThrow();
      expect((await store.listApiKeys()).map((row) => row.id)).toEqual(['a']);
    });
  });
});
