/**
 * The embedded store: one SQLite file (WAL). Log batches are written on this connection here; the
 * gateway writes them from a thread of its own (log-writer-thread.ts) on a second connection.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { LogRecord } from '../log/log-record.js';
import { migrations } from './migrations.js';
import { openSqlite } from './open-sqlite.js';
import { RequestWriter } from './request-writer.js';
import { SqliteClient } from './sqlite-client.js';
import { Store } from './store.js';

export type { ApiKeyRow } from './store.js';

export class SqliteStore extends Store {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  readonly sql: SqliteClient;
  private requestWriter?: RequestWriter;

  constructor(readonly path: string) {
    super();
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = openSqlite(path);
    this.migrate();
    this.sql = new SqliteClient(this.db);
  }

  /** Applies the migrations this file has not seen yet, each in its own transaction. */
  private migrate(): void {
    const current = this.schemaVersion;
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

  async writeBatch(records: LogRecord[]): Promise<void> {
    (this.requestWriter ??= new RequestWriter(this.db)).writeBatch(records);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
