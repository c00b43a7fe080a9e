/**
 * What the gateway keeps, whichever database holds it: log rows (written in batches by the log
 * queue), managed prompts, gateway API keys (hashes only) and the response cache. Everything but
 * opening the database and writing log batches is shared SQL, so both stores answer alike.
 */
import type { CacheStore } from '../cache/cache-store.js';
import type { LogSink } from '../log/log-queue.js';
import type { LogRecord } from '../log/log-record.js';
import { PromptStore } from '../prompts/prompt-store.js';
import type { SqlClient } from './sql-client.js';

export interface ApiKeyRow {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: number;
  revokedAt: number | null;
}

export abstract class Store implements CacheStore, LogSink {
  /** 'sqlite' or 'postgres'. */
  abstract readonly kind: string;
  abstract readonly sql: SqlClient;
  /** Writes a batch in one transaction: all rows or none. */
  abstract writeBatch(records: LogRecord[]): Promise<void>;
  abstract close(): Promise<void>;

  async hasRequest(requestId: string): Promise<boolean> {
    return (await this.sql.get('SELECT 1 AS found FROM requests WHERE request_id = ?', [requestId])) !== undefined;
  }

  private promptStore?: PromptStore;

  /** Managed prompts (/v1/prompt-2025). */
  get prompts(): PromptStore {
    return (this.promptStore ??= new PromptStore(this.sql));
  }

  // --- response cache (CacheStore) ---

  /** The cached body, or null when absent or expired (an expired row is deleted). */
  async get(key: string, slot: number, now: number): Promise<string | null> {
    const row = await this.sql.get<{ body: string; expires_at: number }>('SELECT body, expires_at FROM response_cache WHERE key = ? AND slot = ?', [key, slot]);
    if (!row) return null;
    if (row.expires_at <= now) {
      await this.sql.run('DELETE FROM response_cache WHERE key = ? AND slot = ? AND expires_at <= ?', [key, slot, now]);
      return null;
    }
    return row.body;
  }

  async set(key: string, slot: number, body: string, expiresAt: number, now: number): Promise<void> {
    await this.sql.run(
      `INSERT INTO response_cache (key, slot, body, expires_at, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key, slot) DO UPDATE SET body = excluded.body, expires_at = excluded.expires_at, created_at = excluded.created_at`,
      [key, slot, body, expiresAt, now],
    );
  }

  // --- gateway API keys (hashes only) ---

  async insertApiKey(row: ApiKeyRow & { keyHash: string }): Promise<void> {
    await this.sql.run('INSERT INTO api_keys (id, name, key_hash, key_prefix, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)', [
      row.id,
      row.name,
      row.keyHash,
      row.keyPrefix,
      row.createdAt,
    ]);
  }

  listApiKeys(): Promise<ApiKeyRow[]> {
    return this.sql.all<ApiKeyRow>(
      'SELECT id, name, key_prefix AS "keyPrefix", created_at AS "createdAt", revoked_at AS "revokedAt" FROM api_keys ORDER BY created_at, id',
    );
  }

  /** Revokes by id; returns false when no active key has that id. */
  async revokeApiKey(id: string, at: number): Promise<boolean> {
    return (await this.sql.run('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id])) > 0;
  }

  /** Active key hashes → key id, and whether any key was ever created (revoked ones included). */
  async keyTable(): Promise<{ active: Map<string, string>; anyKeys: boolean }> {
    const rows = await this.sql.all<{ key_hash: string; id: string; revoked_at: number | null }>('SELECT key_hash, id, revoked_at FROM api_keys');
    return { active: new Map(rows.filter((row) => row.revoked_at === null).map((row) => [row.key_hash, row.id])), anyKeys: rows.length > 0 };
  }
}
