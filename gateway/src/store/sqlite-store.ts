/**
 * The embedded store: one SQLite file (WAL), written in batches by the log queue. Only this file
 * knows the SQL; callers see LogRecords and API keys.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { CacheStore } from '../cache/cache-store.js';
import type { LogRecord } from '../log/log-record.js';
import { PromptStore } from '../prompts/prompt-store.js';
import { migrations } from './migrations.js';
import { openSqlite } from './open-sqlite.js';
import { RequestWriter } from './request-writer.js';

export interface ApiKeyRow {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: number;
  revokedAt: number | null;
}

export class SqliteStore implements CacheStore {
  readonly db: Database.Database;
  private readonly selectRequestExists: Database.Statement;
  private readonly requestWriter: RequestWriter;

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = openSqlite(path);
    this.migrate();
    this.selectRequestExists = this.db.prepare('SELECT 1 FROM requests WHERE request_id = ?').pluck();
    this.requestWriter = new RequestWriter(this.db);
  }

  /** Applies the migrations this file has not seen yet, each in its own transaction. */
  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db.pragma(`user_version = ${migration.version}`);
      })();
    }
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Writes a batch in one transaction: all rows or none. */
  async writeBatch(records: LogRecord[]): Promise<void> {
    this.requestWriter.writeBatch(records);
  }

  async hasRequest(requestId: string): Promise<boolean> {
    return this.selectRequestExists.get(requestId) !== undefined;
  }

  private promptStore?: PromptStore;

  /** Managed prompts (/v1/prompt-2025), in this same file. */
  get prompts(): PromptStore {
    return (this.promptStore ??= new PromptStore(this.db));
  }

  // --- response cache (CacheStore; statements prepared on first use) ---

  private cacheStatements?: { get: Database.Statement; remove: Database.Statement; set: Database.Statement };

  private cacheSql() {
    return (this.cacheStatements ??= {
      get: this.db.prepare('SELECT body, expires_at AS expiresAt FROM response_cache WHERE key = ? AND slot = ?'),
      remove: this.db.prepare('DELETE FROM response_cache WHERE key = ? AND slot = ? AND expires_at <= ?'),
      set: this.db.prepare(
        `INSERT INTO response_cache (key, slot, body, expires_at, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key, slot) DO UPDATE SET body = excluded.body, expires_at = excluded.expires_at, created_at = excluded.created_at`,
      ),
    });
  }

  /** The cached body, or null when absent or expired (an expired row is deleted). */
  async get(key: string, slot: number, now: number): Promise<string | null> {
    const sql = this.cacheSql();
    const row = sql.get.get(key, slot) as { body: string; expiresAt: number } | undefined;
    if (!row) return null;
    if (row.expiresAt <= now) {
      sql.remove.run(key, slot, now);
      return null;
    }
    return row.body;
  }

  async set(key: string, slot: number, body: string, expiresAt: number, now: number): Promise<void> {
    this.cacheSql().set.run(key, slot, body, expiresAt, now);
  }

  // --- gateway API keys (hashes only) ---

  insertApiKey(row: ApiKeyRow & { keyHash: string }): void {
    this.db
      .prepare('INSERT INTO api_keys (id, name, key_hash, key_prefix, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)')
      .run(row.id, row.name, row.keyHash, row.keyPrefix, row.createdAt);
  }

  listApiKeys(): ApiKeyRow[] {
    return this.db
      .prepare(
        'SELECT id, name, key_prefix AS keyPrefix, created_at AS createdAt, revoked_at AS revokedAt FROM api_keys ORDER BY created_at',
      )
      .all() as ApiKeyRow[];
  }

  /** Revokes by id; returns false when no active key has that id. */
  revokeApiKey(id: string, at: number): boolean {
    return this.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes > 0;
  }

  /** How many keys were ever created, revoked ones included. */
  apiKeyCount(): number {
    return this.db.prepare('SELECT COUNT(*) FROM api_keys').pluck().get() as number;
  }

  /** Active key hashes → key id. */
  activeKeyHashes(): Map<string, string> {
    const rows = this.db.prepare('SELECT key_hash AS hash, id FROM api_keys WHERE revoked_at IS NULL').all() as Array<{ hash: string; id: string }>;
    return new Map(rows.map((row) => [row.hash, row.id]));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
